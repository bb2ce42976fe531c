// A fact date against its agreement's date (issue "[3/9]" item 4). A follow-up whose fact surely held before the
// agreement could have been concluded cannot assess it: it is refused, unless the row is marked as context
// (background from before the agreement, which never counts for status). A context fact long before the agreement
// is probably a typo in the year: a warning, not an error. The form (lib/data/evidence.ts) and the CSV import
// (lib/csv/import-plan.ts) apply these, with the same messages.
import { compareDays, describeFactDate, endOf, factFrom, type DatePrecision } from './dates.ts';

export type AgreementDate = { concludedOn: Date | null; concludedPrecision: DatePrecision };

/** Years before the agreement beyond which a context fact is questioned. */
const CONTEXT_WARNING_YEARS = 5;

/** The earliest day the agreement may have been concluded; null when its date is unknown (then nothing is checked). */
function agreementEarliest(agreement: AgreementDate): Date | null {
  if (!agreement.concludedOn || agreement.concludedPrecision === 'unknown') return null;
  return factFrom(agreement.concludedOn, agreement.concludedPrecision);
}

/** The latest day the agreement may have been concluded; null when unknown. */
function agreementLatest(agreement: AgreementDate): Date | null {
  if (!agreement.concludedOn || agreement.concludedPrecision === 'unknown') return null;
  const { concludedOn, concludedPrecision } = agreement;
  return concludedPrecision === 'day' ? concludedOn : endOf(concludedOn, concludedPrecision);
}

/** "14 Jun 2025", "June 2025" or "2025": the agreement's date as precisely as it is known. */
function describeAgreementDate(agreement: AgreementDate): string {
  if (!agreement.concludedOn) return 'on an unknown date';
  return describeFactDate(
    agreementLatest(agreement) ?? agreement.concludedOn,
    agreement.concludedPrecision === 'unknown' ? 'day' : agreement.concludedPrecision,
  );
}

export type FactDate = { observedOn: Date; observedPrecision: DatePrecision };

/**
 * Why a row's fact date does not fit its agreement's date, or null. `field` says which of the row's fields it
 * belongs beside: the date (a fact before the agreement, not marked context) or the kind (context after it).
 */
export function factDateProblem(
  fact: FactDate,
  isContext: boolean,
  agreement: AgreementDate,
): { field: 'observedOn' | 'kind'; message: string } | null {
  const earliest = agreementEarliest(agreement);
  const latest = agreementLatest(agreement);
  if (!earliest || !latest) return null;
  const factText = describeFactDate(fact.observedOn, fact.observedPrecision);
  if (!isContext && compareDays(fact.observedOn, earliest) < 0) {
    return {
      field: 'observedOn',
      message: `The fact date (${factText}) is before the agreement was concluded (${describeAgreementDate(agreement)}): check the date, or mark the row as context (before the agreement).`,
    };
  }
  if (isContext && compareDays(factFrom(fact.observedOn, fact.observedPrecision), latest) > 0) {
    return {
      field: 'kind',
      message: `Context is background from before the agreement, but this fact date (${factText}) is after it was concluded (${describeAgreementDate(agreement)}).`,
    };
  }
  return null;
}

/** The warning for a context fact more than CONTEXT_WARNING_YEARS before its agreement, or null. */
export function contextDateWarning(fact: FactDate, agreement: AgreementDate): string | null {
  const earliest = agreementEarliest(agreement);
  if (!earliest) return null;
  const limit = new Date(
    Date.UTC(
      earliest.getUTCFullYear() - CONTEXT_WARNING_YEARS,
      earliest.getUTCMonth(),
      earliest.getUTCDate(),
    ),
  );
  // Compared on the day the fact surely held by: an undated fact "by" some day long before is old news too.
  if (compareDays(fact.observedOn, limit) >= 0) return null;
  return `This context is from more than ${CONTEXT_WARNING_YEARS} years before the agreement (${describeFactDate(fact.observedOn, fact.observedPrecision)}, the agreement ${describeAgreementDate(agreement)}): check the year.`;
}
