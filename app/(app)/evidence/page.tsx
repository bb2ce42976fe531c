import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { Newspaper } from 'lucide-react';
import { OutletFilter } from '@/components/filters/record-filters';
import { AdmiraltyBadge } from '@/components/evidence/admiralty-badge';
import { EVIDENCE_TYPE_LABELS, EvidenceTypeBadge } from '@/components/evidence/evidence-type-badge';
import { languageName } from '@/components/evidence/evidence-list';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Day } from '@/components/ui/day';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { listEvidence, listEvidenceLanguages } from '@/lib/data/evidence';
import { formatDay } from '@/lib/domain/dates';
import { getPickedOutlet } from '@/lib/search/picked';
import { EVIDENCE_TYPES } from '@/lib/validation/follow-up';
import { parseEvidenceListParams, type EvidenceListParams } from '@/lib/validation/evidence-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Evidence' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The filters as query parameters, for pagination links and "clear". */
function filterQuery(filters: EvidenceListParams): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.q) query.q = filters.q;
  if (filters.outletId) query.outlet = String(filters.outletId);
  if (filters.type) query.type = filters.type;
  if (filters.language) query.language = filters.language;
  if (filters.from) query.from = formatDay(filters.from);
  if (filters.to) query.to = formatDay(filters.to);
  return query;
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname.replace(/^www\./, '')
      : null;
  } catch {
    return null;
  }
}

const labelClass = 'block text-xs font-medium text-slate-600';
// The look of components/forms/field.tsx's controls (a client module, so its constant cannot be read here).
const controlClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ' +
  'placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

export default async function EvidencePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const filters = parseEvidenceListParams(await searchParams);
  const { page, ...where } = filters;
  // Only the outlet the URL names (for its label): the outlet filter searches the rest as one types.
  const [evidence, outlet, languages] = await Promise.all([
    listEvidence({ ...where, page }),
    getPickedOutlet(filters.outletId),
    listEvidenceLanguages(),
  ]);
  const query = filterQuery(filters);
  const filtered = Object.keys(query).length > 0;

  return (
    <>
      <PageHeader
        title="Evidence"
        description={
          <p>
            Every news item and document logged, with its Admiralty grade and how many status updates cite it.
          </p>
        }
        actions={
          <Link href="/outlets" className="link text-sm">
            Outlets
          </Link>
        }
      />

      <Card className="mb-6">
        <Form
          action="/evidence"
          role="search"
          aria-label="Filter evidence"
          className="grid gap-4 p-4 sm:grid-cols-2 sm:p-5 lg:grid-cols-4"
        >
          <div className="sm:col-span-2 lg:col-span-2">
            <label htmlFor="evidence-q" className={labelClass}>
              Text
            </label>
            <input
              id="evidence-q"
              type="search"
              name="q"
              defaultValue={filters.q ?? ''}
              placeholder="Title, address or excerpt"
              className={`${controlClass} mt-1`}
            />
          </div>
          <OutletFilter id="evidence-outlet" name="outlet" label="Outlet" selected={outlet} />
          <div>
            <label htmlFor="evidence-type" className={labelClass}>
              Type
            </label>
            <select
              id="evidence-type"
              name="type"
              defaultValue={filters.type ?? ''}
              className={`${controlClass} mt-1`}
            >
              <option value="">Any type</option>
              {EVIDENCE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {EVIDENCE_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="evidence-language" className={labelClass}>
              Language
            </label>
            <select
              id="evidence-language"
              name="language"
              defaultValue={filters.language ?? ''}
              className={`${controlClass} mt-1`}
            >
              <option value="">Any language</option>
              {languages.map((language) => (
                <option key={language} value={language}>
                  {languageName(language)} ({language})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="evidence-from" className={labelClass}>
              Published from
            </label>
            <input
              id="evidence-from"
              type="date"
              name="from"
              defaultValue={filters.from ? formatDay(filters.from) : ''}
              className={`${controlClass} mt-1`}
            />
          </div>
          <div>
            <label htmlFor="evidence-to" className={labelClass}>
              Published to
            </label>
            <input
              id="evidence-to"
              type="date"
              name="to"
              defaultValue={filters.to ? formatDay(filters.to) : ''}
              className={`${controlClass} mt-1`}
            />
          </div>
          <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-1">
            <Button type="submit">Filter</Button>
            {filtered ? (
              <Link href="/evidence" className="text-sm font-medium text-slate-600 hover:text-slate-900">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </Card>

      <Card>
        {evidence.total === 0 ? (
          <EmptyState
            icon={Newspaper}
            title={filtered ? 'No evidence matches these filters' : 'No evidence yet'}
            description={
              filtered
                ? 'Widen the filters, or clear them to see every item.'
                : 'Items appear here as analysts log follow-ups.'
            }
            action={
              !filtered && can(user, 'write') ? (
                <Link href="/follow-ups/new" className="link">
                  Log the first follow-up
                </Link>
              ) : null
            }
          />
        ) : (
          <>
            <Table caption="Evidence items">
              <THead>
                <Tr>
                  <Th>Item</Th>
                  <Th className="hidden md:table-cell">Outlet</Th>
                  <Th>Grade</Th>
                  <Th className="hidden lg:table-cell">Type</Th>
                  <Th className="hidden lg:table-cell">Language</Th>
                  <Th className="hidden sm:table-cell">Published</Th>
                  <Th className="text-right">Updates</Th>
                </Tr>
              </THead>
              <TBody>
                {evidence.items.map((item) => {
                  const host = hostOf(item.url);
                  return (
                    <Tr key={item.id}>
                      <RowHeader className="max-w-md">
                        <Link href={`/evidence/${item.id}`} className="link-quiet font-medium text-slate-900">
                          {item.title}
                        </Link>
                        {item.originalTitle ? (
                          <span
                            lang={item.language}
                            dir="auto"
                            className="mt-0.5 block text-xs text-slate-600"
                          >
                            {item.originalTitle}
                          </span>
                        ) : null}
                        <span className="mt-0.5 block text-xs break-all text-slate-500">
                          {host ?? item.url}
                          <span className="md:hidden"> · {item.outlet.name}</span>
                        </span>
                      </RowHeader>
                      <Td className="hidden whitespace-nowrap md:table-cell">
                        <Link href={`/evidence?outlet=${item.outlet.id}`} className="link-quiet">
                          {item.outlet.name}
                        </Link>
                      </Td>
                      <Td>
                        <AdmiraltyBadge reliability={item.reliability} credibility={item.credibility} />
                      </Td>
                      <Td className="hidden lg:table-cell">
                        <EvidenceTypeBadge type={item.type} />
                      </Td>
                      <Td className="hidden whitespace-nowrap lg:table-cell">
                        {languageName(item.language)}
                      </Td>
                      <Td className="hidden whitespace-nowrap sm:table-cell">
                        <Day date={item.publishedOn} fallback="Undated" />
                      </Td>
                      <Td className="text-right tabular-nums">{item.updateCount}</Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
            <Pagination
              page={evidence.page}
              pageCount={evidence.pageCount}
              pageSize={evidence.pageSize}
              total={evidence.total}
              pathname="/evidence"
              query={query}
              noun="items"
            />
          </>
        )}
      </Card>
    </>
  );
}
