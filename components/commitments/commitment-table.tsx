import clsx from 'clsx';
import Link from 'next/link';
import { Fragment } from 'react';
import { AttentionBadges } from '@/components/dashboard/attention-badges';
import { Day } from '@/components/ui/day';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import type { AttentionFlag } from '@/lib/domain/attention';
import { formatDay } from '@/lib/domain/dates';
import type { CommitmentStatus } from '@/lib/domain/status';
import type { CommitmentStrength } from '@/lib/domain/strength';
import { PartyNames, type PartyName } from './party-names';
import { StatusChip } from './status-chip';
import { StrengthBadge } from './strength-badge';

/**
 * One row: a commitment, or on a party's page a (commitment, party) pair. The optional fields are those of the
 * columns that read them; the table asks for them only when such a column is shown.
 */
type CommitmentTableRow = {
  id: number;
  title: string;
  strength: CommitmentStrength;
  agreement: { id: number; title: string };
  category: { name: string };
  /** The commitment's status as a whole, today's or as of the table's day. */
  status: CommitmentStatus;
  statusSince: Date | null;
  responsibleParties?: PartyName[];
  /** The party of the tree the row is about: the page's party, or one under it. */
  party?: PartyName;
  /** That party's own status on the commitment (null where it has none, as for a beneficiary). */
  partyStatus?: CommitmentStatus | null;
  partySince?: Date | null;
  dueOn?: Date | null;
  flags?: readonly AttentionFlag[];
};

/**
 * `agreement` is no cell: the agreement, linked, on a line under the title (with the category while that has no
 * cell). `party` is the row's party, headed by the role the table is about. Beside `partyStatus`, `status` is the
 * commitment's overall status; without it or `since`, the status cell gives the since day under the chip.
 */
type CommitmentColumn =
  'agreement' | 'category' | 'responsible' | 'party' | 'partyStatus' | 'status' | 'since' | 'due' | 'flags';

/** The row fields each column needs. */
type ColumnFields = {
  agreement: never;
  category: never;
  responsible: 'responsibleParties';
  party: 'party';
  partyStatus: 'partyStatus' | 'partySince';
  status: never;
  since: never;
  due: 'dueOn';
  flags: 'flags';
};

type RowFor<C extends CommitmentColumn> = CommitmentTableRow &
  Required<Pick<CommitmentTableRow, ColumnFields[C]>>;

type Breakpoint = 'sm' | 'md' | 'lg';

// Literal class names, so Tailwind finds them.
const CELL_FROM: Record<Breakpoint, string> = {
  sm: 'hidden sm:table-cell',
  md: 'hidden md:table-cell',
  lg: 'hidden lg:table-cell',
};
const FOLD_UNTIL: Record<Breakpoint, string> = { sm: 'sm:hidden', md: 'md:hidden', lg: 'lg:hidden' };

type Context = {
  has: (column: CommitmentColumn) => boolean;
  /** On a party's page: that party and the role the rows are about. */
  party?: { id: number; role: 'responsible' | 'beneficiary' };
};

type CellColumn = Exclude<CommitmentColumn, 'agreement'>;

type ColumnDefinition = {
  /** The width from which the column has a cell of its own; on narrower screens it folds under the title. */
  from: Breakpoint;
  header: (context: Context) => React.ReactNode;
  cellClassName?: string;
  cell: (row: CommitmentTableRow, context: Context) => React.ReactNode;
  /** What the column shows under the title when folded (the category folds into the agreement line instead). */
  fold?: (row: CommitmentTableRow, context: Context) => React.ReactNode;
};

/** The status chip, with the since day under it unless that has a column or the party's own status leads. */
function showsSinceWithStatus(context: Context) {
  return !context.has('since') && !context.has('partyStatus');
}

const COLUMNS: Record<CellColumn, ColumnDefinition> = {
  category: {
    from: 'md',
    header: () => 'Category',
    cell: (row) => row.category.name,
  },
  responsible: {
    from: 'md',
    header: () => 'Responsible',
    cell: (row) => <PartyNames parties={row.responsibleParties ?? []} />,
    fold: (row) => (
      <span>
        <span className="sr-only">Responsible: </span>
        <PartyNames parties={row.responsibleParties ?? []} empty="No responsible party" />
      </span>
    ),
  },
  party: {
    from: 'md',
    header: ({ party }) => (party?.role === 'beneficiary' ? 'Beneficiary' : 'Responsible'),
    cell: (row, { party }) =>
      row.party && row.party.id !== party?.id ? (
        <Link href={`/parties/${row.party.id}`} className="link">
          {row.party.name}
        </Link>
      ) : (
        row.party?.name
      ),
    fold: (row, { party }) =>
      row.party ? (
        <span>
          {party?.role === 'beneficiary' ? 'Beneficiary: ' : 'Responsible: '}
          {row.party.name}
        </span>
      ) : null,
  },
  partyStatus: {
    from: 'sm',
    header: () => 'Party’s status',
    cell: (row) => (
      <>
        {row.partyStatus ? <StatusChip status={row.partyStatus} /> : null}
        {row.partySince ? (
          <div className="mt-1 text-xs whitespace-nowrap text-slate-500">
            since <Day date={row.partySince} />
          </div>
        ) : null}
      </>
    ),
    fold: (row) =>
      row.partyStatus ? (
        <>
          <span>Party:</span>
          <StatusChip status={row.partyStatus} />
        </>
      ) : null,
  },
  status: {
    from: 'sm',
    header: (context) => (context.has('partyStatus') ? 'Overall status' : 'Status'),
    cell: (row, context) => (
      <>
        <StatusChip status={row.status} />
        {row.statusSince && showsSinceWithStatus(context) ? (
          <div className="mt-1 text-xs whitespace-nowrap text-slate-500">
            since <Day date={row.statusSince} />
          </div>
        ) : null}
      </>
    ),
    fold: (row, context) => (
      <>
        {context.has('partyStatus') ? <span>Overall:</span> : null}
        <StatusChip status={row.status} />
        {row.statusSince && showsSinceWithStatus(context) ? (
          <span>
            since <Day date={row.statusSince} />
          </span>
        ) : null}
      </>
    ),
  },
  since: {
    from: 'sm',
    header: () => 'Since',
    cellClassName: 'whitespace-nowrap',
    cell: (row) => <Day date={row.statusSince} />,
    fold: (row) =>
      row.statusSince ? (
        <span>
          since <Day date={row.statusSince} />
        </span>
      ) : null,
  },
  due: {
    from: 'md',
    header: () => 'Due',
    cellClassName: 'whitespace-nowrap',
    cell: (row) => <Day date={row.dueOn ?? null} fallback="None" />,
    fold: (row) =>
      row.dueOn ? (
        <span>
          Due <Day date={row.dueOn} />
        </span>
      ) : null,
  },
  flags: {
    from: 'md',
    header: () => 'Attention',
    cell: (row) => (
      <AttentionBadges flags={row.flags ?? []} empty={<span className="text-xs text-slate-500">None</span>} />
    ),
    fold: (row) => <AttentionBadges flags={row.flags ?? []} />,
  },
};

const BREAKPOINTS: readonly Breakpoint[] = ['sm', 'md', 'lg'];

/** Consecutive rows of the same agreement, in the order given. */
function groupByAgreement<R extends CommitmentTableRow>(rows: readonly R[]) {
  const groups: { agreement: R['agreement']; rows: R[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.agreement.id === row.agreement.id) last.rows.push(row);
    else groups.push({ agreement: row.agreement, rows: [row] });
  }
  return groups;
}

/**
 * Commitments with their status, in the columns the caller picks (in that order, after the title). Each column has
 * a cell of its own from a screen width up (its default, or `cellFrom`); on narrower screens it folds under the
 * title, those that get a cell first reading first, so a row reads without sideways scrolling. With
 * `groupByAgreement`, rows (already sorted by agreement) come in one row group per agreement under its title.
 */
export function CommitmentTable<C extends CommitmentColumn>({
  rows,
  columns,
  cellFrom = {},
  caption,
  groupByAgreement: grouped = false,
  party,
  asOf = null,
}: {
  rows: readonly RowFor<C>[];
  columns: readonly C[];
  /** Per column, the width from which it has a cell of its own when not the column's default. */
  cellFrom?: Partial<Record<CellColumn, Breakpoint>>;
  caption: string;
  groupByAgreement?: boolean;
  /** On a party's page: that party (its own rows name it without a link) and the role the rows are about. */
  party?: Context['party'];
  /** The day the statuses are as of: links open the commitment as of it. */
  asOf?: Date | null;
}) {
  const chosen: readonly CommitmentColumn[] = columns;
  const context: Context = { has: (column) => chosen.includes(column), party };
  const cells = chosen
    .filter((column) => column !== 'agreement')
    .map((key) => ({ key, ...COLUMNS[key], from: cellFrom[key] ?? COLUMNS[key].from }));
  const categoryFrom = cells.find((column) => column.key === 'category')?.from;
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  const groups: { agreement: CommitmentTableRow['agreement'] | null; rows: readonly RowFor<C>[] }[] = grouped
    ? groupByAgreement(rows)
    : [{ agreement: null, rows }];
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Commitment</Th>
          {cells.map((column) => (
            <Th key={column.key} className={CELL_FROM[column.from]}>
              {column.header(context)}
            </Th>
          ))}
        </Tr>
      </THead>
      {groups.map((group) => (
        <TBody
          key={group.agreement?.id ?? 'all'}
          className={grouped ? 'border-b border-slate-200 last:border-b-0' : undefined}
        >
          {group.agreement ? (
            <tr>
              <th
                scope="rowgroup"
                colSpan={cells.length + 1}
                className="bg-slate-50/70 px-4 py-2 text-left text-sm font-medium text-slate-700 sm:px-5"
              >
                <span className="sr-only">Agreement: </span>
                <Link href={`/agreements/${group.agreement.id}`} className="link-quiet">
                  {group.agreement.title}
                </Link>
              </th>
            </tr>
          ) : null}
          {group.rows.map((row) => (
            <Tr key={row.party ? `${row.id}:${row.party.id}` : row.id} className="hover:bg-slate-50/70">
              <RowHeader className="min-w-56">
                <Link
                  href={`/commitments/${row.id}${suffix}`}
                  className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                >
                  {row.title}
                </Link>
                {row.strength !== 'firm' ? (
                  <>
                    {' '}
                    <StrengthBadge strength={row.strength} />
                  </>
                ) : null}
                <AgreementLine row={row} agreement={context.has('agreement')} categoryFrom={categoryFrom} />
                {/* The folded columns, each group for the screens too narrow for its cells only (display:none
                    hides it from wider layouts and from screen readers there). */}
                {BREAKPOINTS.map((breakpoint) => {
                  const folded = cells.filter((column) => column.fold && column.from === breakpoint);
                  return folded.length ? (
                    <div
                      key={breakpoint}
                      className={clsx(
                        'mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600',
                        FOLD_UNTIL[breakpoint],
                      )}
                    >
                      {folded.map((column) => (
                        <Fragment key={column.key}>{column.fold?.(row, context)}</Fragment>
                      ))}
                    </div>
                  ) : null;
                })}
              </RowHeader>
              {cells.map((column) => (
                <Td key={column.key} className={clsx(CELL_FROM[column.from], column.cellClassName)}>
                  {column.cell(row, context)}
                </Td>
              ))}
            </Tr>
          ))}
        </TBody>
      ))}
    </Table>
  );
}

/** The line under the title: the agreement (when asked for) and the category while it has no cell of its own. */
function AgreementLine({
  row,
  agreement,
  categoryFrom,
}: {
  row: CommitmentTableRow;
  agreement: boolean;
  categoryFrom: Breakpoint | undefined;
}) {
  const category = (
    <span className={categoryFrom ? FOLD_UNTIL[categoryFrom] : undefined}>
      {agreement ? ' · ' : null}
      {row.category.name}
    </span>
  );
  return (
    <div
      className={clsx(
        'mt-0.5 text-xs text-slate-600',
        !agreement && categoryFrom && FOLD_UNTIL[categoryFrom],
      )}
    >
      {agreement ? (
        <Link href={`/agreements/${row.agreement.id}`} className="link-quiet">
          {row.agreement.title}
        </Link>
      ) : null}
      {category}
    </div>
  );
}
