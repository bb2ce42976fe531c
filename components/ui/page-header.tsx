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
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
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
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-[1_1_20rem]">
          {eyebrow ? <p className="mb-1 text-sm font-medium text-slate-600">{eyebrow}</p> : null}
          <h1 className="text-2xl font-semibold tracking-tight text-balance text-slate-900 sm:text-3xl">
            {title}
          </h1>
          {meta ? (
            <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-600">
              {meta}
            </div>
          ) : null}
          {description ? <div className="mt-3 max-w-3xl text-slate-700">{description}</div> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}
