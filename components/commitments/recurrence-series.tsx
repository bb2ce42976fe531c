import Link from 'next/link';
import { Day } from '@/components/ui/day';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { RowHeader, THead, TBody, Table, Td, Th, Tr } from '@/components/ui/table';
import type { RecurrenceSeries } from '@/lib/data/commitments';
import { describeRecurrence, type OccurrenceState } from '@/lib/domain/recurrence';

const STATES: Record<OccurrenceState, { label: string; tone: BadgeTone }> = {
  held: { label: 'Held', tone: 'green' },
  missed: { label: 'Missed', tone: 'red' },
  due: { label: 'Due', tone: 'blue' },
};

/**
 * A recurring commitment's expected occurrences up to the page's day, newest first: each period held (with the
 * follow-ups whose evidence shows it happened), missed, or still due. The state is a word, not only a colour.
 */
export function RecurrenceSeriesTable({ series, asOf }: { series: RecurrenceSeries; asOf: Date | null }) {
  const rows = [...series.occurrences].reverse();
  const held = series.occurrences.filter((o) => o.state === 'held').length + series.earlierHeld;
  const missed = series.occurrences.filter((o) => o.state === 'missed').length + series.earlierMissed;
  return (
    <>
      <p className="px-4 pt-3 text-sm text-slate-700 sm:px-5">
        Recurs {describeRecurrence(series.rule)}. {held} held, {missed} missed
        {asOf ? ' by that day' : ' so far'}.
        {series.earlierHeld + series.earlierMissed
          ? ` Only the latest ${series.occurrences.length} periods are listed.`
          : ''}
      </p>
      {rows.length ? (
        <Table caption="Expected occurrences, newest first">
          <THead>
            <Tr>
              <Th>Period</Th>
              <Th>State</Th>
              <Th>Evidence</Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((occurrence) => (
              <Tr key={occurrence.index} data-occurrence={occurrence.state}>
                <RowHeader className="whitespace-nowrap">
                  <Day date={occurrence.from} /> – <Day date={occurrence.to} />
                </RowHeader>
                <Td>
                  <Badge tone={STATES[occurrence.state].tone}>{STATES[occurrence.state].label}</Badge>
                </Td>
                <Td>
                  {occurrence.evidence.length ? (
                    <ul className="space-y-1">
                      {occurrence.evidence.map((item) => (
                        <li key={item.updateId}>
                          <Day date={item.observedOn} />:{' '}
                          {item.evidence ? (
                            <Link href={`/evidence/${item.evidence.id}`} className="link">
                              {item.evidence.title}
                            </Link>
                          ) : (
                            <a href={`#update-${item.updateId}`} className="link">
                              follow-up
                            </a>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">
                      {occurrence.state === 'missed' ? 'None in the period' : 'None yet'}
                    </span>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">The first period has not begun.</p>
      )}
    </>
  );
}
