import clsx from 'clsx';
import { StatusChip } from './status-chip';
import Link from 'next/link';
import { Fragment } from 'react';
import { Day } from '@/components/ui/day';
import {
  ATTENTION_DESCRIPTIONS,
  ATTENTION_FLAGS,
  ATTENTION_LABELS,
  type AttentionFlag,
} from '@/lib/domain/attention';
import { formatDay } from '@/lib/domain/dates';
import type { CommitmentStatus } from '@/lib/domain/status';
import type { CommitmentStrength } from '@/lib/domain/strength';
import { PartyNames, type PartyName } from './party-names';
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

// A row's markup is sent twice (in the HTML and in the RSC payload), and a page holds dozens of rows: the styles
// every row shares are set once, by the table's dtable class (app/styles/dashboards.css) through descendant
// selectors. A row's elements carry only what differs (a breakpoint, a status) and short hooks: c-title (the
// commitment's link), c-sub (the line under it), c-fold (the columns folded under it), c-since (a day under a
// status), c-none (an empty cell's "None"), st-chip (a status), flags (the attention flags).

/** `className` as a prop only when there is one: an empty or undefined one still costs bytes in the payload. */
function classProp(className: string | undefined): { className?: string } {
  return className ? { className } : {};
}

/**
 * The needs-attention flags that hold, as labelled badges (in the fixed order of ATTENTION_FLAGS), the rule
 * behind each in its tooltip where `explain`; `empty` when none does. Text only: the label says which flag it is,
 * and an icon per flag would weigh more than the row.
 */
function Flags({
  flags,
  explain,
  empty = null,
}: {
  flags: readonly AttentionFlag[];
  explain: boolean;
  empty?: React.ReactNode;
}) {
  if (!flags.length) return <>{empty}</>;
  return (
    <ul aria-label="Attention flags" className="flags">
      {ATTENTION_FLAGS.filter((flag) => flags.includes(flag)).map((flag) => (
        <li key={flag} {...(explain ? { title: ATTENTION_DESCRIPTIONS[flag] } : {})} className={`f-${flag}`}>
          {ATTENTION_LABELS[flag]}
        </li>
      ))}
    </ul>
  );
}

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
          <div className="c-since">
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
          <div className="c-since">
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
    cell: (row) => <Flags flags={row.flags ?? []} explain empty={<span className="c-none">None</span>} />,
    // Under the title on a narrow screen (a touch screen, mostly): no tooltip to show there.
    fold: (row) => <Flags flags={row.flags ?? []} explain={false} />,
  },
};

const BREAKPOINTS: readonly Breakpoint[] = ['sm', 'md', 'lg'];

/** Consecutive rows of the same agreement, in the order given. */
export function groupByAgreement<R extends { agreement: { id: number; title: string } }>(rows: readonly R[]) {
  const groups: { agreement: R['agreement']; rows: R[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.agreement.id === row.agreement.id) last.rows.push(row);
    else groups.push({ agreement: row.agreement, rows: [row] });
  }
  return groups;
}

/** The row that opens an agreement's group of rows: its title, linked. */
export function AgreementGroupHeader({
  agreement,
  colSpan,
}: {
  agreement: { id: number; title: string };
  colSpan: number;
}) {
  return (
    <tr>
      {/* Styled by the table (the rowgroup rule in app/styles/dashboards.css). */}
      <th scope="rowgroup" colSpan={colSpan}>
        <span className="sr-only">Agreement: </span>
        <Link href={`/agreements/${agreement.id}`} className="link-quiet">
          {agreement.title}
        </Link>
      </th>
    </tr>
  );
}

/**
 * Commitments with their status, in the columns the caller picks (in that order, after the title). Each column has
 * a cell of its own from a screen width up (its default, or `cellFrom`); on narrower screens it folds under the
 * title, those that get a cell first reading first, so a row reads without sideways scrolling. Without `fold`,
 * every column has its cell at every width and a narrow screen scrolls the table sideways in its box: half the
 * markup, for a page that holds several tables. With `groupByAgreement`, rows (already sorted by agreement) come
 * in one row group per agreement under its title.
 */
export function CommitmentTable<C extends CommitmentColumn>({
  rows,
  columns,
  cellFrom = {},
  caption,
  groupByAgreement: grouped = false,
  fold = true,
  party,
  asOf = null,
}: {
  rows: readonly RowFor<C>[];
  columns: readonly C[];
  /** Per column, the width from which it has a cell of its own when not the column's default. */
  cellFrom?: Partial<Record<CellColumn, Breakpoint>>;
  caption: string;
  groupByAgreement?: boolean;
  /** Whether columns fold under the title on narrow screens (default) or keep their cells there. */
  fold?: boolean;
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
  const cellClass = (column: (typeof cells)[number]) => (fold ? CELL_FROM[column.from] : undefined);
  const categoryCell = cells.find((column) => column.key === 'category');
  const categoryFrom = categoryCell ? (fold ? categoryCell.from : 'always') : undefined;
  const suffix = asOf ? `?asOf=${formatDay(asOf)}` : '';
  const groups: { agreement: CommitmentTableRow['agreement'] | null; rows: readonly RowFor<C>[] }[] = grouped
    ? groupByAgreement(rows)
    : [{ agreement: null, rows }];
  return (
    <div className="overflow-x-auto">
      <table className={clsx('dtable dtable-hover', grouped && 'dtable-groups')}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {/* The title column's width, set once for all its cells. */}
            <th scope="col" className="min-w-56">
              Commitment
            </th>
            {cells.map((column) => (
              <th key={column.key} scope="col" {...classProp(cellClass(column))}>
                {column.header(context)}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.agreement?.id ?? 'all'}>
            {group.agreement ? (
              <AgreementGroupHeader agreement={group.agreement} colSpan={cells.length + 1} />
            ) : null}
            {group.rows.map((row) => (
              <tr key={row.party ? `${row.id}:${row.party.id}` : row.id}>
                <th scope="row">
                  <Link href={`/commitments/${row.id}${suffix}`} className="c-title">
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
                  {(fold ? BREAKPOINTS : []).map((breakpoint) => {
                    const folded = cells.filter((column) => column.fold && column.from === breakpoint);
                    return folded.length ? (
                      <div key={breakpoint} className={`c-fold ${FOLD_UNTIL[breakpoint]}`}>
                        {folded.map((column) => (
                          <Fragment key={column.key}>{column.fold?.(row, context)}</Fragment>
                        ))}
                      </div>
                    ) : null;
                  })}
                </th>
                {cells.map((column) => (
                  <td key={column.key} {...classProp(clsx(cellClass(column), column.cellClassName))}>
                    {column.cell(row, context)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/**
 * The line under the title: the agreement (when asked for) and the category while it has no cell of its own
 * (`categoryFrom`: the width from which it has one, `always` when it always has one).
 */
function AgreementLine({
  row,
  agreement,
  categoryFrom,
}: {
  row: CommitmentTableRow;
  agreement: boolean;
  categoryFrom: Breakpoint | 'always' | undefined;
}) {
  if (categoryFrom === 'always') {
    return agreement ? (
      <div className="c-sub">
        <Link href={`/agreements/${row.agreement.id}`} className="link-quiet">
          {row.agreement.title}
        </Link>
      </div>
    ) : null;
  }
  const category = categoryFrom ? (
    <span className={FOLD_UNTIL[categoryFrom]}>
      {agreement ? ' · ' : null}
      {row.category.name}
    </span>
  ) : (
    <>
      {agreement ? ' · ' : null}
      {row.category.name}
    </>
  );
  return (
    <div className={clsx('c-sub', !agreement && categoryFrom && FOLD_UNTIL[categoryFrom])}>
      {agreement ? (
        <Link href={`/agreements/${row.agreement.id}`} className="link-quiet">
          {row.agreement.title}
        </Link>
      ) : null}
      {category}
    </div>
  );
}
