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
 * Each item has an `evidence-<id>` anchor so the status history can point at it. The classes are named once in
 * app/styles/commitment.css: a page of items is sent twice (HTML and RSC payload).
 */
export function EvidenceList({ items, labelledBy }: { items: EvidenceListItem[]; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="evidence-list">
      {items.map((item) => (
        <li key={item.id} id={`evidence-${item.id}`}>
          <article aria-labelledby={`evidence-${item.id}-title`}>
            <div className="evidence-tags">
              <AdmiraltyBadge reliability={item.reliability} credibility={item.credibility} />
              <EvidenceTypeBadge type={item.type} />
              <span className="evidence-outlet">{item.outlet.name}</span>
            </div>
            <h3 id={`evidence-${item.id}-title`} className="evidence-title">
              {item.title}
            </h3>
            {item.originalTitle ? (
              <p lang={item.language} dir="auto" className="evidence-original">
                {item.originalTitle}
              </p>
            ) : null}
            <p className="evidence-dateline">
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
              // The summary shows its first words while closed, its second while open (commitment.css).
              <details className="evidence-excerpt">
                <summary>
                  <span>Show excerpt</span>
                  <span>Hide excerpt</span>
                </summary>
                <blockquote dir="auto">{item.excerpt}</blockquote>
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
      <a href={url} className="link link-external" rel="noopener noreferrer">
        {`Read the source on ${host}`}
      </a>
    </p>
  );
}
