// Optimistic locking for every edit form. A form carries the `version` it was loaded at; the mutation updates
// `WHERE id AND version` and bumps the version in the same statement, so of two people saving the same record
// the second matches no row. That one gets an EditConflictError carrying the record's CURRENT values, which the
// form shows beside what its user typed (never a silent overwrite). Archive and unarchive take part too: they
// are edits of the record.
import { CONFLICT_MESSAGE, type ArchiveInput } from '../validation/editing.ts';
import { NotFoundError, RuleViolationError, VersionConflictError } from '../errors.ts';
import { recordAudit, type AuditWriter } from './audit.ts';

export { CONFLICT_MESSAGE };

/** The message of an edit that lost the race: what happened, and what the user can do now. */
export const CONFLICT_DETAIL =
  `${CONFLICT_MESSAGE} Their saved version is shown below; what you typed is still in the form. ` +
  'Save again to replace their version with yours, or discard your edits.';

/** Someone saved the record after this form was loaded; `current` is what is saved now, as form values. */
export class EditConflictError<T = unknown> extends VersionConflictError {
  constructor(
    what: string,
    readonly current: T,
  ) {
    super(what, CONFLICT_DETAIL);
  }
}

/**
 * Reads the record (`load`, inside the caller's transaction), refuses a stale version, then runs `write` — an
 * `updateMany({ where: { id, version } })` that bumps the version — and refuses again when it matched no row
 * (a concurrent save committed in between). Returns the record as it was before the write, for the audit event.
 */
export async function guardedUpdate<S extends { version: number }, V>(args: {
  what: string;
  version: number;
  load: () => Promise<S | null>;
  formValues: (record: S) => V;
  write: () => Promise<{ count: number }>;
}): Promise<S> {
  const before = await args.load();
  if (!before) throw new NotFoundError(args.what);
  if (before.version !== args.version) throw new EditConflictError(args.what, args.formValues(before));
  const { count } = await args.write();
  if (count === 0) {
    const current = await args.load();
    if (!current) throw new NotFoundError(args.what);
    throw new EditConflictError(args.what, args.formValues(current));
  }
  return before;
}

/** What archiving writes besides the version: the time it happened, or null when restoring. */
export type ArchiveData = { archivedAt: Date | null; version: { increment: 1 } };

/**
 * Archives (or restores) one record as the edit it is: checked against the form's version like any save
 * (guardedUpdate), `archivedAt` set or cleared with the version bumped in one statement, audited as
 * 'archive' / 'unarchive'. Runs in the caller's transaction; returns the record before and after, for callers
 * that archive more with it (an agreement's commitments).
 */
export async function archiveGuarded<S extends { version: number }, V>(
  tx: AuditWriter,
  args: {
    what: string;
    entityType: string;
    input: ArchiveInput;
    archived: boolean;
    actorId: string;
    at?: Date;
    load: () => Promise<S | null>;
    formValues: (record: S) => V;
    write: (where: { id: number; version: number }, data: ArchiveData) => Promise<{ count: number }>;
  },
): Promise<{ before: S; after: S }> {
  const { id, version } = args.input;
  const before = await guardedUpdate({
    what: args.what,
    version,
    load: args.load,
    formValues: args.formValues,
    write: () =>
      args.write(
        { id, version },
        { archivedAt: args.archived ? (args.at ?? new Date()) : null, version: { increment: 1 } },
      ),
  });
  const after = (await args.load())!;
  await recordAudit(tx, {
    actorId: args.actorId,
    action: args.archived ? 'archive' : 'unarchive',
    entityType: args.entityType,
    entityId: id,
    before,
    after,
  });
  return { before, after };
}

/**
 * Catches the current values of a conflict on their way out of a server action. The action wrapper turns the
 * error into `{ ok: false, message }`; `attach` adds `current` to that result so the form can show them:
 *
 *   const capture = new ConflictCapture<CommitmentFormValues>();
 *   return capture.attach(await action(options, (input) => capture.run(() => updateX(input)))(state, formData));
 */
export class ConflictCapture<T> {
  current: T | undefined;

  async run<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof EditConflictError) this.current = error.current as T;
      throw error;
    }
  }

  attach<R extends { ok: boolean }>(result: R): R & { current?: T } {
    return !result.ok && this.current !== undefined ? { ...result, current: this.current } : result;
  }
}

/** Form text of an optional value. */
export function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** What a picker check needs of a record. */
export type Pickable = { id: number; name: string; archivedAt: Date | null };

/**
 * Refuses picks that no longer exist, or are archived (archived records leave the pickers; a link that already
 * exists — `keep` — may stay). The message goes beside `field`.
 */
export function checkPicks(args: {
  ids: readonly number[];
  found: readonly Pickable[];
  keep?: readonly number[];
  field: string;
  noun: string;
}): void {
  const byId = new Map(args.found.map((record) => [record.id, record]));
  const missing = args.ids.filter((id) => !byId.has(id));
  if (missing.length) {
    const message = `A chosen ${args.noun} no longer exists: reload the page and choose again.`;
    throw new RuleViolationError(message, { [args.field]: [message] });
  }
  const archived = args.ids
    .map((id) => byId.get(id)!)
    .filter((record) => record.archivedAt && !args.keep?.includes(record.id));
  if (archived.length) {
    const names = archived.map((record) => `“${record.name}”`).join(', ');
    const message = `${names} ${archived.length === 1 ? 'is' : 'are'} archived: unarchive ${archived.length === 1 ? 'it' : 'them'} first, or choose another ${args.noun}.`;
    throw new RuleViolationError(message, { [args.field]: [message] });
  }
}
