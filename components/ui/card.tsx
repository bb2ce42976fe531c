import clsx from 'clsx';

export function Card({ className, ...props }: React.HTMLAttributes<HTMLElement>) {
  return (
    <section
      className={clsx('rounded-lg border border-slate-200 bg-white shadow-xs', className)}
      {...props}
    />
  );
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
    <div
      className={clsx(
        'flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 sm:px-5',
        className,
      )}
    >
      <div className="min-w-0">
        <Heading id={id} className="text-base font-semibold text-slate-900">
          {title}
        </Heading>
        {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardBody({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={clsx('px-4 py-4 sm:px-5', className)} {...props} />;
}
