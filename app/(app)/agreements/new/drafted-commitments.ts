// The new-agreement form with the commitment rows a draft from an article adds (components/drafts): the agreement
// is checked by its own schema, each commitment row by the commitment form's, all before anything is written, so
// one refused row leaves nothing half-saved. A row's parties may be new parties of the same form (`new:<name>`),
// which get their ids only when the agreement is created: the check stands in a placeholder id for them.
import * as z from 'zod';
import { COMMITMENT_ROW_FIELDS as C, NEW_PARTY_REF } from '@/components/drafts/agreement-draft';
import { agreementSchema } from '@/lib/validation/agreement';
import { commitmentSchema, type CommitmentInput } from '@/lib/validation/commitment';

/** Fields sent as repeated values; the rest of the agreement form's fields pass through to agreementSchema. */
const LIST_FIELDS = [
  'partyId',
  'partyRole',
  'personId',
  'personRole',
  'sourceUrl',
  'newPartyName',
  'newPartyShortName',
  'newPartyKind',
  'newPartyCountry',
  'newPartyParentId',
  'newPartyRole',
  'newPersonName',
  'newPersonTitle',
  'newPersonPartyId',
  'newPersonRole',
  ...Object.values(C),
];

/** Above every real id, so a placeholder never names an existing party. */
const PLACEHOLDER_BASE = 2_000_000_000;

type PartyRef = { id: number } | { newName: string };

type DraftedCommitment = {
  input: Omit<CommitmentInput, 'agreementId' | 'responsiblePartyId' | 'beneficiaryPartyId'>;
  responsible: PartyRef[];
  beneficiary: PartyRef[];
};

const SIDE_FIELDS = { responsiblePartyId: 'responsible', beneficiaryPartyId: 'beneficiary' } as const;

function listOf(raw: Record<string, unknown>, key: string): string[] {
  const value = raw[key];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

/** The commitment rows, each checked by commitmentSchema; messages go beside the row's inputs (`commitment.2.title`). */
function commitmentRows(raw: Record<string, unknown>, ctx: z.RefinementCtx): DraftedCommitment[] | null {
  const newNames = listOf(raw, 'newPartyName').filter((name) => name.trim());
  const placeholders = new Map<string, number>();
  const rows: DraftedCommitment[] = [];
  let failed = false;
  const fail = (row: number, field: string, message: string) => {
    failed = true;
    ctx.addIssue({ code: 'custom', path: [`commitment.${row}.${field}`], message });
  };
  listOf(raw, C.title).forEach((title, row) => {
    const at = (key: string) => listOf(raw, key)[row] ?? '';
    const sides = {
      responsible: listOf(raw, `${C.responsible}.${row}`),
      beneficiary: listOf(raw, `${C.beneficiary}.${row}`),
    };
    if (!title.trim() && !at(C.categoryId) && !sides.responsible.length && !sides.beneficiary.length) return;
    const refs = { responsible: [] as PartyRef[], beneficiary: [] as PartyRef[] };
    const ids = { responsible: [] as string[], beneficiary: [] as string[] };
    for (const side of ['responsible', 'beneficiary'] as const) {
      for (const value of sides[side]) {
        if (!value.startsWith(NEW_PARTY_REF)) {
          ids[side].push(value);
          const id = Number(value);
          if (Number.isInteger(id)) refs[side].push({ id });
          continue;
        }
        const name = value.slice(NEW_PARTY_REF.length);
        if (!newNames.some((typed) => sameName(typed, name))) {
          fail(
            row,
            side,
            `“${name}” is no longer among the new parties: add it back under “New parties”, or untick it.`,
          );
          continue;
        }
        const key = name.trim().toLocaleLowerCase('en');
        if (!placeholders.has(key)) placeholders.set(key, PLACEHOLDER_BASE + placeholders.size);
        ids[side].push(String(placeholders.get(key)));
        refs[side].push({ newName: name });
      }
    }
    const parsed = commitmentSchema.safeParse({
      agreementId: '1',
      title,
      description: at(C.description),
      categoryId: at(C.categoryId),
      responsiblePartyId: ids.responsible,
      beneficiaryPartyId: ids.beneficiary,
      strength: at(C.strength) || 'firm',
      dueOn: '',
      reciprocalId: '',
      recurrenceMonths: '',
      recurrenceStartsOn: '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'title');
        fail(row, SIDE_FIELDS[field as keyof typeof SIDE_FIELDS] ?? field, issue.message);
      }
      return;
    }
    const { title: checked, description, categoryId, dueOn, reciprocalId, strength } = parsed.data;
    const { recurrenceMonths, recurrenceStartsOn } = parsed.data;
    rows.push({
      input: {
        title: checked,
        description,
        categoryId,
        dueOn,
        reciprocalId,
        strength,
        recurrenceMonths,
        recurrenceStartsOn,
      },
      ...refs,
    });
  });
  return failed ? null : rows;
}

export const newAgreementSchema = z
  .object(Object.fromEntries(LIST_FIELDS.map((key) => [key, z.array(z.string()).default([])])))
  .loose()
  .transform((raw, ctx) => {
    const agreement = agreementSchema.safeParse(raw);
    if (!agreement.success)
      for (const issue of agreement.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    const commitments = commitmentRows(raw, ctx);
    if (!agreement.success || !commitments) return z.NEVER;
    return { agreement: agreement.data, commitments };
  });

/** A row's parties as ids, once the agreement's new parties exist (`newIds`: by name, lower-cased). */
export function partyIdsOf(refs: readonly PartyRef[], newIds: ReadonlyMap<string, number>): number[] {
  const ids = refs.flatMap((ref) => {
    if ('id' in ref) return [ref.id];
    const id = newIds.get(ref.newName.trim().toLocaleLowerCase('en'));
    return id === undefined ? [] : [id];
  });
  return [...new Set(ids)];
}
