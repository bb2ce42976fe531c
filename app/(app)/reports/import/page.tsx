import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/reports/import-form';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';
import { UPDATE_COLUMNS } from '@/lib/csv/columns';
import { importMaxBytes } from '@/lib/csv/import-limits';
import { importFollowUpsCsv } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import follow-ups' };

export default async function ImportPage() {
  await requirePermission('write');
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: 'Reports', href: '/reports' }]}
        title="Import follow-ups"
        description={
          <p>
            Upload follow-ups in exactly the format of the{' '}
            <Link href="/reports" className="link">
              updates.csv report
            </Link>
            . The file is checked first and nothing is written until you import it; then every row is
            imported, or none.
          </p>
        }
      />
      {/* One column: the dry run lists the rows it would write in a table that needs the page's width. */}
      <div className="space-y-6">
        <Card aria-labelledby="upload-heading">
          <CardHeader id="upload-heading" title="Upload" />
          <CardBody>
            <ImportForm action={importFollowUpsCsv} maxBytes={importMaxBytes()} />
          </CardBody>
        </Card>
        <Card aria-labelledby="rules-heading">
          <CardHeader id="rules-heading" title="How rows are read" />
          <CardBody className="max-w-4xl space-y-3 text-sm text-slate-700">
            <p>
              The header row must name exactly these columns, in any order:{' '}
              {UPDATE_COLUMNS.map((column, index) => (
                <span key={column}>
                  {index ? ', ' : ''}
                  <code className="text-xs">{column}</code>
                </span>
              ))}
              .
            </p>
            <ul className="list-disc space-y-2 pl-5">
              <li>
                A commitment is found by its <strong>agreement</strong> and <strong>commitment</strong>{' '}
                titles.
                <code className="text-xs"> party</code>, if given, must be one of its responsible parties.
              </li>
              <li>
                <code className="text-xs">status</code> is a code such as{' '}
                <code className="text-xs">in_progress</code> or its label; stalled and broken need a{' '}
                <code className="text-xs">reason</code>. <code className="text-xs">observed_on</code> is
                YYYY-MM-DD, not after today.
              </li>
              <li>
                Evidence is found by its URL. A new URL needs outlet, credibility (1–6), evidence_type,
                language and title; an unknown outlet is created with the row’s reliability (or F).
              </li>
              <li>
                Every row is logged now, by you. A row with <code className="text-xs">logged_at</code> is a
                copy of an earlier follow-up: its <code className="text-xs">logged_at</code> and{' '}
                <code className="text-xs">author</code> are kept only as “originally logged at / by”, shown as
                such on the commitment page. <code className="text-xs">previous_status</code> is worked out
                again and ignored.
              </li>
              <li>
                A cell that starts with an apostrophe (&apos;) loses it: the export adds one to cells a
                spreadsheet could run as a formula.
              </li>
              <li>
                <code className="text-xs">kind</code> is assessment (empty), corroboration or context;{' '}
                <code className="text-xs">row_evidence_type</code> (empty: the item&apos;s type) and{' '}
                <code className="text-xs">adopts_proposal</code> (true/false) follow the follow-up form&apos;s
                rules. A fact dated before the agreement must be context. A corroboration with no status takes
                the current one.
              </li>
              <li>
                Rows with <code className="text-xs">withdrawn_at</code> (corrected or retracted in the source)
                are not imported; the check lists them.
              </li>
              <li>Rows already in the log are skipped, so importing a file twice adds nothing.</li>
            </ul>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
