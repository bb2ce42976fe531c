// Warnings before a follow-up is logged (issue "[3/9]", items 3 and 4): a row that would not become its
// commitment's current status (its fact date is older than the one the status rests on, or it is undated), that
// would move the status backwards, or a context row more than five years before its agreement. Not errors: the form shows them with the reason and the analyst may save anyway (the
// form's CONFIRM_FIELD). The rule is lib/domain/status.ts updateWarning; the stored state is read here.
import type { Prisma } from '../generated/prisma/client.ts';
import { contextDateWarning } from '../domain/agreement-dates.ts';
import { AppError } from '../errors.ts';
import { defaultFactDay, rowWarningName, type LogFollowUpInput } from '../validation/follow-up.ts';
import { proposedUpdateWarnings } from './status-updates.ts';

/** Refuses to save until the analyst confirms: carries each row's warning under `rows.<n>.warning`. */
export class FollowUpWarningsError extends AppError {
  constructor(warnings: Record<string, string[]>) {
    const count = Object.keys(warnings).length;
    super(
      `Nothing was logged yet: ${count === 1 ? 'one row needs' : `${count} rows need`} a second look. Change ${count === 1 ? 'it' : 'them'}, or tick “Save anyway”.`,
      warnings,
    );
  }
}

/** Each row's warning, by `rows.<n>.warning` (empty when there is nothing to say). */
async function followUpWarnings(
  input: LogFollowUpInput,
  client: Pick<Prisma.TransactionClient, 'evidence' | 'commitment' | '$queryRaw'>,
): Promise<Record<string, string[]>> {
  // A row left without a date takes the item's (for an item already logged, its own; checked again on saving).
  let publishedOn: Date | null = null;
  if (input.item.kind === 'existing') {
    const item = await client.evidence.findUnique({
      where: { id: input.item.evidenceId },
      select: { publishedOn: true },
    });
    publishedOn = item?.publishedOn ?? null;
  } else publishedOn = input.item.publishedOn;
  const proposed = input.rows.map((row) => ({
    commitmentId: row.commitmentId,
    partyId: row.partyId,
    kind: row.kind,
    status: row.status,
    observedOn:
      row.observedOn ??
      (publishedOn || row.observedPrecision === 'unknown' ? defaultFactDay(publishedOn) : null),
    observedPrecision: row.observedPrecision,
  }));
  const warnings = await proposedUpdateWarnings(client, proposed);
  // Context long before the agreement: probably a typo in the year (lib/domain/agreement-dates.ts).
  const contextRows = proposed.filter((row) => row.kind === 'context' && row.observedOn);
  const agreements = contextRows.length
    ? await client.commitment.findMany({
        where: { id: { in: contextRows.map((row) => row.commitmentId) } },
        select: { id: true, agreement: { select: { concludedOn: true, concludedPrecision: true } } },
      })
    : [];
  const agreementOf = new Map(agreements.map((row) => [row.id, row.agreement]));
  return Object.fromEntries(
    proposed.flatMap((row, index) => {
      const agreement = agreementOf.get(row.commitmentId);
      const message =
        row.kind === 'context' && row.observedOn && agreement
          ? contextDateWarning(
              { observedOn: row.observedOn, observedPrecision: row.observedPrecision },
              agreement,
            )
          : (warnings[index]?.message ?? null);
      return message ? [[rowWarningName(index), [message]]] : [];
    }),
  );
}

/**
 * The refusal a submit gets when a row raises a warning the analyst has not confirmed, or null. Meant to be read
 * inside logFollowUp's transaction before it writes (the state the rows would join) and thrown only after every
 * other check of that transaction has passed: a field to fix comes before a warning to confirm.
 */
export async function unconfirmedWarnings(
  input: LogFollowUpInput,
  client: Pick<Prisma.TransactionClient, 'evidence' | 'commitment' | '$queryRaw'>,
): Promise<FollowUpWarningsError | null> {
  if (input.confirmed) return null;
  const warnings = await followUpWarnings(input, client);
  return Object.keys(warnings).length ? new FollowUpWarningsError(warnings) : null;
}
