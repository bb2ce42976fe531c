import Link from 'next/link';
import { ChevronRight } from 'lucide-react';

export type Crumb = { label: string; href: string };

type PageHeaderProps = {
  title: React.ReactNode;
  /** Where the page sits; the current page is the title and is not repeated here. */
  breadcrumbs?: Crumb[];
  /** A short label above the title, e.g. the kind of record. */
  eyebrow?: React.ReactNode;
  description?: React.ReactNode;
  /** Facts shown under the title (dates, places, badges). */
  meta?: React.ReactNode;
  actions?: React.ReactNode;
};

export function PageHeader({ title, breadcrumbs, eyebrow, description, meta, actions }: PageHeaderProps) {
  return (
    <header className="mb-6 sm:mb-8">
      {breadcrumbs?.length ? (
        <nav aria-label="Breadcrumb" className="mb-3">
          <ol className="crumbs">
            {breadcrumbs.map((crumb, index) => (
              <li key={crumb.href} className="flex items-center gap-1">
                {index > 0 ? <ChevronRight aria-hidden className="size-4 shrink-0 text-slate-400" /> : null}
                <Link href={crumb.href} className="link-quiet">
                  {crumb.label}
                </Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {/* The title starts at 20rem: where that and the actions do not fit on one line (a phone), the actions
          wrap below the title instead of squeezing it into a narrow column beside them. */}
      <div className="page-head-row">
        <div className="page-head-main">
          {eyebrow ? <p className="page-eyebrow">{eyebrow}</p> : null}
          <h1 className="page-title">{title}</h1>
          {meta ? <div className="page-meta">{meta}</div> : null}
          {description ? <div className="page-desc">{description}</div> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
    </header>
  );
}
