import { ExternalLink } from 'lucide-react';
import { Day } from '@/components/ui/day';
import type { EvidenceType, Reliability } from '@/lib/generated/prisma/enums';
import { AdmiraltyBadge } from './admiralty-badge';
import { EvidenceTypeBadge } from './evidence-type-badge';

export type EvidenceListItem = {
  id: number;
  url: string;
  title: string;
  originalTitle: string | null;
  language: string;
  publishedOn: Date | null;
  excerpt: string | null;
  reliability: Reliability;
  credibility: number;
  type: EvidenceType;
  outlet: { name: string };
};

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "Urdu (ur)"; the bare tag when it is not one Intl knows. */
export function languageName(tag: string): string {
  try {
    const name = languageNames.of(tag);
    return name && name !== tag ? name : tag;
  } catch {
    return tag;
  }
}

/** The host of a web address ("dunyanews.tv"); null for anything else, such as the seed's `urn:` reference. */
function webHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname.replace(/^www\./, '')
      : null;
  } catch {
    return null;
  }
}

/**
 * Evidence items with their grade, outlet, type, language, publication date and the excerpt as logged.
 * Each item has an `evidence-<id>` anchor so the status history can point at it.
 */
export function EvidenceList({ items, labelledBy }: { items: EvidenceListItem[]; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.id} id={`evidence-${item.id}`} className="scroll-mt-6 px-4 py-4 sm:px-5">
          <article aria-labelledby={`evidence-${item.id}-title`}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <AdmiraltyBadge reliability={item.reliability} credibility={item.credibility} />
              <EvidenceTypeBadge type={item.type} />
              <span className="text-sm font-medium text-slate-800">{item.outlet.name}</span>
            </div>
            <h3 id={`evidence-${item.id}-title`} className="mt-2 text-sm font-semibold text-slate-900">
              {item.title}
            </h3>
            {item.originalTitle ? (
              <p lang={item.language} dir="auto" className="mt-1 text-sm text-slate-700">
                {item.originalTitle}
              </p>
            ) : null}
            <p className="mt-2 flex flex-wrap gap-x-2 text-xs text-slate-600">
              {/* Never guessed: an item that carries no date says so. */}
              {item.publishedOn ? (
                <span>
                  Published <Day date={item.publishedOn} />
                </span>
              ) : (
                <span>Undated</span>
              )}
              <span aria-hidden>·</span>
              <span>
                <span className="sr-only">Language: </span>
                {languageName(item.language)}
              </span>
            </p>
            {item.excerpt ? (
              <details className="group mt-3">
                <summary className="w-fit cursor-pointer rounded-sm text-sm font-medium text-indigo-700 select-none hover:text-indigo-900">
                  <span className="group-open:hidden">Show excerpt</span>
                  <span className="hidden group-open:inline">Hide excerpt</span>
                </summary>
                <blockquote
                  dir="auto"
                  className="mt-2 border-l-2 border-slate-300 pl-3 text-sm whitespace-pre-line text-slate-700"
                >
                  {item.excerpt}
                </blockquote>
              </details>
            ) : null}
            <SourceLink url={item.url} />
          </article>
        </li>
      ))}
    </ul>
  );
}

/** A link that names the site it leads to; a reference that is not a web address is shown as text. */
function SourceLink({ url }: { url: string }) {
  const host = webHost(url);
  if (!host) {
    return (
      <p className="mt-3 text-xs text-slate-600">
        No web address recorded. Reference: <code className="font-mono break-all">{url}</code>
      </p>
    );
  }
  return (
    <p className="mt-3 text-sm">
      <a href={url} className="link inline-flex items-center gap-1" rel="noopener noreferrer">
        Read the source on {host}
        <ExternalLink aria-hidden className="size-3.5" />
      </a>
    </p>
  );
}
