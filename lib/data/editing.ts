// Optimistic locking for every edit form. A form carries the `version` it was loaded at; the mutation updates
// `WHERE id AND version` and bumps the version in the same statement, so of two people saving the same record
// the second matches no row. That one gets an EditConflictError carrying the record's CURRENT values, which the
// form shows beside what its user typed (never a silent overwrite). Archive and unarchive take part too: they
// are edits of the record.
import type * as z from 'zod';
import type {
  ActionFailure,
  ActionOptions,
  ActionResult,
  ActionSuccess,
  createAction,
} from '../auth/action-core.ts';
import type { Principal } from '../auth/permissions.ts';
import { db } from '../db.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import {
  BASE_FIELD,
  CONFLICT_MESSAGE,
  RESOLVE_MESSAGE,
  RESOLVE_PREFIX,
  mergeEdit,
  mergeKeys,
  mergeValuesOf,
  parseBase,
  unresolvedConflicts,
  type ArchiveInput,
  type MergeField,
  type MergeResult,
} from '../validation/editing.ts';
import { NotFoundError, RuleViolationError, VersionConflictError } from '../errors.ts';
import { recordAudit, type AuditWriter } from './audit.ts';

export { CONFLICT_MESSAGE };

/** The message of an edit that lost the race: what happened, and what the user can do now. */
const CONFLICT_DETAIL =
  `${CONFLICT_MESSAGE} Their saved version is shown below; what you typed is still in the form. ` +
  'Save again to replace their version with yours, or discard your edits.';

/** The message of a lost race that was merged (a form that sent its base). */
const MERGE_DETAIL =
  `${CONFLICT_MESSAGE} Their changes and yours are merged in the form: check them, ` +
  'choose a version of any field you both changed, and save again.';

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

/** Who saved the version the user lost the race to, and when (from its audit event). */
export type ChangedBy = { name: string | null; at: string };

/** The latest audit event of a record: who made the change now saved, and when. */
async function lastChangeOf(
  entityType: string,
  entityId: string,
  client: PrismaClient = db,
): Promise<ChangedBy | null> {
  const event = await client.auditEvent.findFirst({
    where: { entityType, entityId },
    orderBy: { id: 'desc' },
    select: { createdAt: true, actor: { select: { name: true } } },
  });
  return event ? { name: event.actor?.name ?? null, at: event.createdAt.toISOString() } : null;
}

/** What a lost race sends back to its form besides the message: the saved values, the merge, who and when. */
type ConflictReport<T> = {
  current: T;
  merge?: MergeResult & { changedBy: ChangedBy | null };
};

export type EditResult<T extends object, V> = ActionResult<T> | (ActionFailure & Partial<ConflictReport<V>>);

type ActionFactory<U extends Principal> = ReturnType<typeof createAction<U>>;

export type EditOptions<S extends z.ZodType> = ActionOptions<S> & {
  /** The audit `entityType` of the record edited (to name who made the other change). */
  entityType: string;
  /** The fields of the three-way merge (see lib/validation/editing.ts mergeEdit). */
  merge: readonly MergeField[];
};

/**
 * THE wrapper of every edit action (issue [4/9]: version conflicts handled once). Like `action`, plus:
 * - a re-submission after a conflict must have chosen a version of every field both sides changed
 *   (`resolve.<field>`), else it is refused with the message beside that choice;
 * - an EditConflictError comes back as the failure with `current` (the saved values) and, when the form sent its
 *   base, the three-way merge: `values` become the merged values the form refills with, `merge` says per field
 *   whose change it holds and names who made the other change and when.
 * Forms that send no base get `current` and their own values, as before.
 */
export function createEditAction<U extends Principal>(
  action: ActionFactory<U>,
  client: () => PrismaClient = () => db,
) {
  // V: the form's values type. The error's `current` is whatever the mutation's formValues made, unknown to the
  // type system here; `never` lets each form type it as its own (EditAction<AgreementFormValues>).
  return function editAction<S extends z.ZodType, T extends object = object, V = never>(
    options: EditOptions<S>,
    run: (input: z.output<S>, context: { user: U }) => Promise<ActionSuccess<T> | T | void>,
  ): (stateOrFormData: unknown, formData?: FormData) => Promise<EditResult<T, V>> {
    return async (stateOrFormData, maybeFormData) => {
      const formData =
        maybeFormData instanceof FormData
          ? maybeFormData
          : stateOrFormData instanceof FormData
            ? stateOrFormData
            : null;
      let conflict: EditConflictError | undefined;
      const result = await action(options, async (input, context) => {
        const unresolved = formData ? unresolvedConflicts((key) => formData.get(key)) : [];
        if (unresolved.length) {
          throw new RuleViolationError(
            'Both you and the other editor changed some fields: choose which version of each to keep.',
            Object.fromEntries(unresolved.map((name) => [`${RESOLVE_PREFIX}${name}`, [RESOLVE_MESSAGE]])),
          );
        }
        try {
          return await run(input, context);
        } catch (error) {
          if (error instanceof EditConflictError) conflict = error;
          throw error;
        }
      })(stateOrFormData, maybeFormData);
      if (result.ok || !conflict) return result;

      const current = conflict.current as V;
      const base = parseBase(formData?.get(BASE_FIELD));
      if (!base) return { ...result, current };
      const theirs = mergeValuesOf(current as Record<string, unknown>, mergeKeys(options.merge));
      const merged = mergeEdit(options.merge, base, result.values, theirs);
      const id = (current as { id?: unknown }).id;
      const changedBy =
        id === undefined ? null : await lastChangeOf(options.entityType, String(id), client());
      return {
        ...result,
        message: MERGE_DETAIL,
        values: merged.values,
        current,
        merge: { ...merged, changedBy },
      };
    };
  };
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
