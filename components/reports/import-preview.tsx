import { Badge } from '@/components/ui/badge';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { ImportIssue, ImportPreview } from '@/lib/csv/import-plan';
import { ImportRows } from './import-rows';

const count = new Intl.NumberFormat('en-GB');

function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

function IssueTable({ issues, caption }: { issues: ImportIssue[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Row</Th>
          <Th>Column</Th>
          <Th>What to fix</Th>
        </Tr>
      </THead>
      <TBody>
        {issues.map((issue, index) => (
          <Tr key={`${issue.row}-${issue.column}-${index}`}>
            <RowHeader className="tabular-nums">{issue.row}</RowHeader>
            <Td>{issue.column ? <code className="text-xs">{issue.column}</code> : '—'}</Td>
            <Td className="[overflow-wrap:anywhere]">{issue.message}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/**
 * What the dry run found: counts, every problem by row and column, warnings, what would be created, and the rows
 * it would write. The rows come from the planner's `planned` list; a preview without one shows the counts only.
 */
export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const skipped = preview.alreadyImported + preview.duplicates;
  const planned = preview.planned;
  return (
    <div className="space-y-5" data-testid="import-preview">
      <ul className="flex flex-wrap gap-2 text-sm">
        <li>
          <Badge tone="slate">{plural(preview.rows, 'row', 'rows')} read</Badge>
        </li>
        <li>
          <Badge tone={preview.problemCount ? 'red' : 'green'}>
            {preview.problemCount ? plural(preview.problemCount, 'problem', 'problems') : 'No problems'}
          </Badge>
        </li>
        <li>
          <Badge tone="blue">
            {plural(preview.toImport, 'row', 'rows')}{' '}
            {preview.problemCount ? 'without problems' : 'to import'}
          </Badge>
        </li>
        {preview.alreadyImported ? (
          <li>
            <Badge tone="amber">
              {plural(preview.alreadyImported, 'row', 'rows')} already imported, will be skipped
            </Badge>
          </li>
        ) : null}
        {preview.duplicates ? (
          <li>
            <Badge tone="amber">
              {plural(preview.duplicates, 'repeated row', 'repeated rows')}, will be skipped
            </Badge>
          </li>
        ) : null}
        {preview.withdrawn ? (
          <li>
            <Badge tone="amber">
              {plural(preview.withdrawn, 'row', 'rows')} withdrawn in the source, not imported
            </Badge>
          </li>
        ) : null}
      </ul>

      {preview.problemCount ? (
        <section aria-labelledby="import-problems-heading" className="space-y-2">
          <h3 id="import-problems-heading" className="text-sm font-semibold text-red-800">
            {plural(preview.problemCount, 'problem', 'problems')}: nothing can be imported until{' '}
            {preview.problemCount === 1 ? 'it is' : 'they are'} fixed
          </h3>
          {preview.problemCount > preview.problems.length ? (
            <p className="text-sm text-slate-600">
              The first {count.format(preview.problems.length)} are listed. Row numbers are those your
              spreadsheet shows (the header is row 1).
            </p>
          ) : (
            <p className="text-sm text-slate-600">
              Row numbers are those your spreadsheet shows (the header is row 1).
            </p>
          )}
          <IssueTable issues={preview.problems} caption="Problems by row and column" />
        </section>
      ) : null}

      {preview.warningCount ? (
        <section aria-labelledby="import-warnings-heading" className="space-y-2">
          <h3 id="import-warnings-heading" className="text-sm font-semibold text-amber-900">
            {plural(preview.warningCount, 'note', 'notes')} (these do not stop the import)
          </h3>
          <IssueTable issues={preview.warnings} caption="Notes by row and column" />
        </section>
      ) : null}

      {preview.newOutlets.length || preview.newEvidence ? (
        <section aria-labelledby="import-new-heading" className="space-y-1 text-sm text-slate-700">
          <h3 id="import-new-heading" className="font-semibold text-slate-900">
            Will be created
          </h3>
          <p>{plural(preview.newEvidence, 'new evidence item', 'new evidence items')}.</p>
          {preview.newOutlets.length ? (
            <p>
              New outlets:{' '}
              {preview.newOutlets.map((outlet, index) => (
                <span key={outlet.name}>
                  {index ? ', ' : ''}
                  {outlet.name} (reliability {outlet.defaultReliability})
                </span>
              ))}
              .
            </p>
          ) : null}
        </section>
      ) : null}

      {planned.length ? (
        <ImportRows
          rows={planned}
          total={preview.toImport}
          heading={
            preview.problemCount
              ? 'Rows without problems (nothing is imported until every problem is fixed)'
              : 'Rows to import'
          }
        />
      ) : null}

      {skipped && !preview.toImport && !preview.problemCount ? (
        <p className="text-sm text-slate-700">Every row is already in the log: there is nothing to import.</p>
      ) : null}
    </div>
  );
}
