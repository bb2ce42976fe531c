import 'server-only';
// POST and PATCH of an agreement or a commitment. POST: the create form's schema and mutation (rules and audit
// event in one transaction); a commitment form's "save and add another" button means nothing here. PATCH: the
// edit form's schema and mutation (version check, rules and audit events in one transaction), with the fields not
// sent taken from the record as it is saved now, so a client sends only what it changes, plus the `version` it
// read. A lost race is a 409 problem carrying the saved record as form values (`current`), as the edit forms get
// it.
import * as z from 'zod';
import {
  agreementFormValues,
  createAgreement,
  getAgreementForEdit,
  updateAgreement,
} from '../data/agreements.ts';
import {
  commitmentFormValues,
  createCommitment,
  getCommitmentForEdit,
  updateCommitment,
} from '../data/commitments.ts';
import { EditConflictError } from '../data/editing.ts';
import { agreementSchema, updateAgreementSchema } from '../validation/agreement.ts';
import { commitmentSchema, updateCommitmentSchema } from '../validation/commitment.ts';
import type { Fields } from './body.ts';
import { notFound, problem } from './problem.ts';

type Editable<R, S extends z.ZodType> = {
  what: string;
  load: (id: number) => Promise<R | null>;
  formValues: (record: R) => Record<string, unknown>;
  schema: S;
  update: (input: z.output<S>, actorId: string) => Promise<unknown>;
};

/** A 422 problem with the form's messages under the form's field names. */
function invalid(error: z.ZodError): Response {
  const flat = z.flattenError(error);
  const errors = Object.fromEntries(
    Object.entries(flat.fieldErrors).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
  );
  return problem({
    status: 422,
    title: 'Unprocessable',
    detail: flat.formErrors[0] ?? 'Check the fields.',
    errors,
  });
}

async function patch<R, S extends z.ZodType>(
  editable: Editable<R, S>,
  id: number,
  sent: Fields,
  actorId: string,
): Promise<Response | null> {
  const record = await editable.load(id);
  if (!record) return notFound(editable.what);
  if (!sent.version) {
    return problem({
      status: 400,
      title: 'Bad request',
      detail: 'Send the version you read, so that nobody’s change is overwritten unseen.',
      errors: { version: ['Send the version you read.'] },
    });
  }
  // `archived` is not a field the update form sends: archiving has its own action.
  const saved = { ...editable.formValues(record) };
  delete saved.archived;
  const parsed = editable.schema.safeParse({ ...saved, ...sent, id: String(id) });
  if (!parsed.success) return invalid(parsed.error);
  try {
    await editable.update(parsed.data, actorId);
  } catch (error) {
    if (error instanceof EditConflictError) {
      return problem({
        status: 409,
        title: 'Conflict',
        detail: error.message,
        extra: { current: error.current },
      });
    }
    throw error;
  }
  return null;
}

/** Null when saved (the caller answers with the record); otherwise the problem to answer with. */
export function patchCommitment(id: number, sent: Fields, actorId: string) {
  return patch(
    {
      what: 'commitment',
      load: (key) => getCommitmentForEdit(key),
      formValues: commitmentFormValues,
      schema: updateCommitmentSchema,
      update: (input, actor) => updateCommitment(input, actor),
    },
    id,
    sent,
    actorId,
  );
}

export function patchAgreement(id: number, sent: Fields, actorId: string) {
  return patch(
    {
      what: 'agreement',
      load: (key) => getAgreementForEdit(key),
      formValues: agreementFormValues,
      schema: updateAgreementSchema,
      update: (input, actor) => updateAgreement(input, actor),
    },
    id,
    sent,
    actorId,
  );
}

/** The new commitment's id, or the problem to answer with (422 with the form's field errors). */
export async function postCommitment(sent: Fields, actorId: string): Promise<number | Response> {
  const parsed = commitmentSchema.safeParse(sent);
  if (!parsed.success) return invalid(parsed.error);
  return (await createCommitment(parsed.data, actorId)).id;
}

/** The new agreement's id, or the problem to answer with (422 with the form's field errors). */
export async function postAgreement(sent: Fields, actorId: string): Promise<number | Response> {
  const parsed = agreementSchema.safeParse(sent);
  if (!parsed.success) return invalid(parsed.error);
  return (await createAgreement(parsed.data, actorId)).id;
}
