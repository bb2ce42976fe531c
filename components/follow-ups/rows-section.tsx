'use client';

// "What it shows": one row per commitment the item bears on. A row's fact date follows the item's published date
// until the analyst sets one.
import { useMemo } from 'react';
import { Plus } from 'lucide-react';
import { FieldError } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import type { CommitmentOption } from '@/lib/data/evidence';
import { isDatePrecision, parseDayOrNull, type DatePrecision } from '@/lib/domain/dates';
import { formatDate } from '@/lib/format/date';
import type { EvidenceType } from '@/lib/generated/prisma/enums';
import { LIMITS } from '@/lib/validation/follow-up';
import { FollowUpRow, convertFactText, type NewCommitmentSupport, type RowState } from './follow-up-row';

export function RowsSection({
  heading: Heading,
  formId,
  fid,
  rows,
  commitments,
  published,
  today,
  itemType,
  errors,
  warnings,
  newCommitment,
  onCommitmentCreated,
  onPickCommitment,
  onChangeRow,
  onAddRow,
  onRemoveRow,
}: {
  heading: 'h2' | 'h3';
  formId: string;
  fid: (name: string) => string;
  rows: RowState[];
  /** The commitments the form knows (preset, picked or created), for the rows' chosen ones. */
  commitments: CommitmentOption[];
  /** The item's published day (YYYY-MM-DD), or null when it carries none. */
  published: string | null;
  today: string;
  /** The item's own type, once known. */
  itemType: EvidenceType | null;
  errors: Record<string, string>;
  /** The action's warnings, by row. */
  warnings: Record<number, string>;
  newCommitment?: NewCommitmentSupport;
  onCommitmentCreated: (index: number, commitment: CommitmentOption) => void;
  onPickCommitment: (index: number, commitment: CommitmentOption | null) => void;
  onChangeRow: (index: number, patch: Partial<RowState>) => void;
  onAddRow: () => void;
  onRemoveRow: (index: number) => void;
}) {
  const byId = useMemo(
    () => new Map(commitments.map((option) => [String(option.id), option])),
    [commitments],
  );

  // The fact date rows take until the analyst sets one: the item's published date, but never after today.
  const defaultFact = published && published <= today ? published : today;
  // An item without a date is never silently "today, to the day": its facts are undated, known by today.
  const defaultPrecision: DatePrecision = published ? 'day' : 'unknown';
  const defaultFactHint = (precision: DatePrecision): string => {
    if (precision === 'month')
      return 'The month the fact held in (YYYY-MM); it counts from the end of the month.';
    if (precision === 'year') return 'The year the fact held in; it counts from the end of the year.';
    if (precision === 'unknown') {
      return !published
        ? 'Today, the latest day it can have held by: the item has no date. An undated fact never outranks dated news.'
        : `The published date (${formatDate(parseDayOrNull(defaultFact)!)}), the latest day it can have held by. An undated fact never outranks dated news.`;
    }
    return !published
      ? 'The item has no published date: enter the day the fact held.'
      : published > today
        ? 'Today: the published date is later than today.'
        : `The published date (${formatDate(parseDayOrNull(published)!)}). Change it if the fact held on another day.`;
  };

  return (
    <section aria-labelledby={fid('rows-heading')} className="space-y-4">
      <div>
        <Heading id={fid('rows-heading')} className="text-base font-semibold text-slate-900">
          What it shows
        </Heading>
        <p className="mt-1 text-sm text-slate-600">
          Each commitment the item bears on, with the status it shows. Rate what happened, not what was
          promised.
        </p>
        <FieldError id={`${fid('rows')}-error`} error={errors.rows} />
      </div>

      {rows.map((row, index) => {
        const touched = row.observedTouched;
        const precision =
          row.precisionTouched && isDatePrecision(row.observedPrecision)
            ? row.observedPrecision
            : defaultPrecision;
        return (
          <FollowUpRow
            key={row.key}
            formId={formId}
            index={index}
            row={row}
            onPickCommitment={(option) => onPickCommitment(index, option)}
            commitment={byId.get(row.commitmentId)}
            itemType={itemType}
            newCommitment={newCommitment}
            onCommitmentCreated={(option) => onCommitmentCreated(index, option)}
            observedOn={
              touched
                ? row.observedOn
                : published || precision === 'unknown'
                  ? convertFactText(defaultFact, precision)
                  : '' // an undated item's fact, to the day, month or year, is typed in: never guessed
            }
            observedPrecision={precision}
            observedHint={
              touched
                ? precision === 'unknown'
                  ? 'The latest day the fact can have held by. An undated fact never outranks dated news.'
                  : 'When the fact held; it may be earlier than the item.'
                : defaultFactHint(precision)
            }
            today={today}
            errors={errors}
            warning={warnings[index]}
            canRemove={rows.length > 1}
            onChange={(patch) => onChangeRow(index, patch)}
            onRemove={() => onRemoveRow(index)}
          />
        );
      })}

      <Button
        id={fid('add-row')}
        variant="secondary"
        size="sm"
        onClick={onAddRow}
        disabled={rows.length >= LIMITS.rows}
      >
        <Plus aria-hidden className="size-4" />
        Add another commitment
      </Button>
    </section>
  );
}
