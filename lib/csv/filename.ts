// The download's file name: which report, which filters, which day — e.g.
//   pactwatch-commitments_agreement-naqvi-wang-xiaohong-meeting-on_status-stalled_as-of-2025-06-01.csv
// Names are slugged. Content-Disposition carries an ASCII-only `filename` for old clients and the same name with
// non-Latin letters kept in `filename*` (RFC 6266 / RFC 8187), so a Chinese agreement title survives where it can.
import { formatDay } from '../domain/dates.ts';
import type { ReportKind } from './columns.ts';
import type { ReportFilters } from './filters.ts';

const SLUG_MAX = 40;

export type FilterNames = { agreement?: string | null; party?: string | null; category?: string | null };

function trimSlug(text: string): string {
  return Array.from(text).slice(0, SLUG_MAX).join('').replace(/-+$/, '');
}

/** Lower-case ASCII letters and digits joined by '-'; accents dropped, other scripts dropped. */
export function asciiSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
  return trimSlug(slug);
}

/** Letters and digits of any script, lower-cased, joined by '-'. */
export function unicodeSlug(text: string): string {
  const slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '');
  return trimSlug(slug);
}

function parts(
  kind: ReportKind,
  filters: ReportFilters,
  names: FilterNames,
  reportOn: Date,
  slug: (text: string) => string,
): string[] {
  const named = (key: string, id: number, name: string | null | undefined) =>
    `${key}-${(name && slug(name)) || id}`;
  const list = [`pactwatch-${kind}`];
  if (filters.agreement !== undefined) list.push(named('agreement', filters.agreement, names.agreement));
  if (filters.party !== undefined) list.push(named('party', filters.party, names.party));
  if (filters.status) list.push(`status-${filters.status}`);
  if (filters.category !== undefined) list.push(named('category', filters.category, names.category));
  if (filters.from) list.push(`from-${formatDay(filters.from)}`);
  if (filters.to) list.push(`to-${formatDay(filters.to)}`);
  list.push(filters.asOf ? `as-of-${formatDay(reportOn)}` : formatDay(reportOn));
  return list;
}

export function reportFilename(
  kind: ReportKind,
  filters: ReportFilters,
  names: FilterNames,
  reportOn: Date,
): { ascii: string; unicode: string } {
  return {
    ascii: `${parts(kind, filters, names, reportOn, asciiSlug).join('_')}.csv`,
    unicode: `${parts(kind, filters, names, reportOn, unicodeSlug).join('_')}.csv`,
  };
}

/** RFC 8187 value-chars: percent-encode everything but attr-char. */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function contentDisposition(name: { ascii: string; unicode: string }): string {
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeExtValue(name.unicode)}`;
}
