import clsx from 'clsx';

// The card-* classes are in app/styles/ui.css.

export function Card({ className, ...props }: React.HTMLAttributes<HTMLElement>) {
  return <section className={clsx('card', className)} {...props} />;
}

type CardHeaderProps = {
  title: React.ReactNode;
  /** Id of the heading, for the card's `aria-labelledby`. */
  id?: string;
  description?: React.ReactNode;
  /** Links or buttons at the right of the header. */
  actions?: React.ReactNode;
  /** Heading level; cards sit under the page's h1, so h2 unless nested. */
  level?: 2 | 3;
  className?: string;
};

export function CardHeader({ title, id, description, actions, level = 2, className }: CardHeaderProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className={clsx('card-head', className)}>
      <div className="min-w-0">
        <Heading id={id} className="card-title">
          {title}
        </Heading>
        {description ? <p className="card-desc">{description}</p> : null}
      </div>
      {actions ? <div className="card-actions">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={clsx('px-4 py-4 sm:px-5', className)} {...props} />;
}
