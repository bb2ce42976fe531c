import type { Metadata } from 'next';
import { Download, Upload } from 'lucide-react';
import { ButtonLink } from '@/components/editors/button-link';
import { ReportFiltersForm, type ReportFilterValues } from '@/components/reports/report-filters-form';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { countCommitmentReport } from '@/lib/csv/commitments-report';
import { parseReportParams, reportQueryString } from '@/lib/csv/filters';
import { countUpdateReport } from '@/lib/csv/updates-report';
import { listFilterCategories } from '@/lib/data/lists';
import { db } from '@/lib/db';
import { getPickedAgreement, listPickedParties } from '@/lib/search/picked';
import { parseId } from '@/lib/validation/fields';
import type { SearchParams } from '@/lib/validation/filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Reports' };

const count = new Intl.NumberFormat('en-GB');

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function DownloadLink({ href, label, detail }: { href: string; label: string; detail: string }) {
  return (
    <a
      href={href}
      download
      className="flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs hover:border-indigo-300 hover:bg-indigo-50/40"
    >
      <Download aria-hidden className="mt-0.5 size-5 shrink-0 text-indigo-700" />
      <span>
        <span className="block font-semibold text-indigo-800">{label}</span>
        <span className="block text-sm text-slate-600">{detail}</span>
      </span>
    </a>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission('export');
  const params = await searchParams;
  const parsed = parseReportParams(params);
  const values: ReportFilterValues = {
    agreement: first(params.agreement),
    party: first(params.party),
    status: first(params.status),
    category: first(params.category),
    from: first(params.from),
    to: first(params.to),
    asOf: first(params.asOf),
    bom: first(params.bom) === '1',
  };
  // Only the agreement and party the URL names (for their labels): the filters search the rest as one types.
  const agreementId = parseId(values.agreement?.trim() ?? '');
  const partyId = parseId(values.party?.trim() ?? '');
  const [categories, agreement, [party = null]] = await Promise.all([
    listFilterCategories(),
    getPickedAgreement(agreementId),
    listPickedParties(partyId === null ? [] : [partyId]),
  ]);
  const options = { categories, agreement, party };

  let downloads: React.ReactNode;
  if (parsed.ok) {
    const query = reportQueryString(parsed.request);
    const suffix = query ? `?${query}` : '';
    const [commitments, updates] = await Promise.all([
      countCommitmentReport(db, parsed.request.filters),
      countUpdateReport(db, parsed.request.filters),
    ]);
    downloads = (
      <>
        <p className="mb-4 text-sm text-slate-700" role="status" data-testid="report-counts">
          {count.format(commitments)} {commitments === 1 ? 'commitment' : 'commitments'} and{' '}
          {count.format(updates)} status {updates === 1 ? 'update' : 'updates'} match these filters.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <DownloadLink
            href={`/reports/commitments.csv${suffix}`}
            label="Download commitments.csv"
            detail="One row per commitment: status, per-party status, evidence, flags and due date."
          />
          <DownloadLink
            href={`/reports/updates.csv${suffix}`}
            label="Download updates.csv"
            detail="The follow-up log: one row per status update, with its evidence."
          />
        </div>
        <p className="mt-3 text-xs text-slate-500">
          Each download is a link: copy it to share exactly this report. Files are UTF-8 CSV (RFC 4180); cells
          a spreadsheet could run as a formula start with an apostrophe.
        </p>
      </>
    );
  } else {
    downloads = (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        Some filters are not valid: fix the highlighted fields.
      </p>
    );
  }

  return (
    <>
      <PageHeader
        title="Reports"
        description={<p>Download the commitments and the follow-up log as CSV, filtered as you need.</p>}
        actions={
          can(user, 'write') ? (
            <ButtonLink href="/reports/import" icon={<Upload aria-hidden className="size-4" />}>
              Import follow-ups
            </ButtonLink>
          ) : null
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="filters-heading">
          <CardHeader
            id="filters-heading"
            title="Filters"
            description="The filters of the commitment list, and an “as of” day."
          />
          <CardBody>
            <ReportFiltersForm values={values} errors={parsed.ok ? {} : parsed.errors} options={options} />
          </CardBody>
        </Card>
        <Card aria-labelledby="downloads-heading">
          <CardHeader id="downloads-heading" title="Downloads" />
          <CardBody>{downloads}</CardBody>
        </Card>
      </div>
    </>
  );
}
