// The commitment edit form in the three-way merge of a lost race (decision 013): its merge fields cover every
// field of the form, lists of parties compare as sets, the recurrence is one field; and on a real database the
// edit wrapper with the commitment mutation keeps the other editor's change, keeps mine, and asks where both
// changed the same field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction } from '../lib/auth/action-core.ts';
import {
  commitmentFormValues,
  createCommitment,
  getCommitmentForEdit,
  updateCommitment,
} from '../lib/data/commitments.ts';
import { createEditAction } from '../lib/data/editing.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import {
  COMMITMENT_MERGE,
  commitmentSchema,
  updateCommitmentSchema,
  type CommitmentFormValues,
} from '../lib/validation/commitment.ts';
import { mergeEdit, mergeKeys, mergeValuesOf, type MergeValues } from '../lib/validation/editing.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma: PrismaClient = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
});

const base: MergeValues = {
  agreementId: '1',
  title: 'Joint exercises',
  description: '',
  categoryId: '3',
  responsiblePartyId: ['5'],
  beneficiaryPartyId: [],
  dueOn: '',
  reciprocalId: '',
  strength: 'firm',
  recurrenceMonths: '',
  recurrenceStartsOn: '',
};

describe('COMMITMENT_MERGE', () => {
  it('covers every field of the edit form, and only fields of the form', () => {
    const form: CommitmentFormValues = {
      id: '1',
      version: '1',
      ...(base as Omit<CommitmentFormValues, 'id' | 'version' | 'strength' | 'archived'>),
      strength: 'firm',
      archived: false,
    };
    const notMerged = ['id', 'version', 'archived'];
    // A form key left out of the merge would be saved as this user had it: the other editor's change reverted.
    expect(mergeKeys(COMMITMENT_MERGE).sort()).toEqual(
      Object.keys(form)
        .filter((key) => !notMerged.includes(key))
        .sort(),
    );
    const shape = Object.keys(updateCommitmentSchema.shape);
    expect(shape).toEqual(expect.arrayContaining(mergeKeys(COMMITMENT_MERGE)));
  });

  it('keeps their change, keeps mine, and asks only where both changed a field differently', () => {
    const mine: MergeValues = {
      ...base,
      title: 'My title',
      dueOn: '2027-03-31',
      recurrenceMonths: '3',
      recurrenceStartsOn: '2026-01-01',
      // One ticked box may arrive as text; the same set of parties is no change.
      responsiblePartyId: '5',
    };
    const theirs: MergeValues = {
      ...base,
      agreementId: '2',
      title: 'Their title',
      strength: 'intent',
      responsiblePartyId: ['6', '5'],
    };
    const merged = mergeEdit(COMMITMENT_MERGE, base, mine, theirs);
    expect(merged.fields).toEqual({
      agreementId: 'theirs',
      title: 'conflict',
      description: 'unchanged',
      categoryId: 'unchanged',
      dueOn: 'mine',
      strength: 'theirs',
      recurrence: 'mine',
      responsible: 'theirs',
      beneficiaries: 'unchanged',
      reciprocalId: 'unchanged',
    });
    expect(merged.conflicts).toEqual(['title']);
    expect(merged.values).toMatchObject({
      agreementId: '2',
      title: 'My title',
      dueOn: '2027-03-31',
      strength: 'intent',
      recurrenceMonths: '3',
      recurrenceStartsOn: '2026-01-01',
      responsiblePartyId: ['6', '5'],
    });
  });

  it('parties compare as sets; a missing strength is firm; the recurrence is one field', () => {
    const withParties = { ...base, responsiblePartyId: ['5', '6'], beneficiaryPartyId: ['7'] };
    const reordered = { ...withParties, responsiblePartyId: ['6', '5', '', '6'] };
    delete (reordered as Partial<MergeValues>).strength;
    const same = mergeEdit(COMMITMENT_MERGE, withParties, reordered, withParties);
    expect(same.fields).toMatchObject({ responsible: 'unchanged', strength: 'unchanged' });
    // Nothing ticked sends nothing: an emptied list is a change.
    const emptied = { ...withParties };
    delete (emptied as Partial<MergeValues>).beneficiaryPartyId;
    expect(mergeEdit(COMMITMENT_MERGE, withParties, emptied, withParties).fields.beneficiaries).toBe('mine');
    // A period and a first day are valid only together: one side's period and the other's day are a conflict,
    // never a mix neither of them chose.
    const recurring = { ...base, recurrenceMonths: '3', recurrenceStartsOn: '2026-01-01' };
    const merged = mergeEdit(
      COMMITMENT_MERGE,
      recurring,
      { ...recurring, recurrenceMonths: '6' },
      { ...recurring, recurrenceStartsOn: '2026-02-01' },
    );
    expect(merged.conflicts).toEqual(['recurrence']);
  });
});

describe('editing a commitment after a lost race', () => {
  let categoryId: number;
  let agreementId: number;
  let turkey: number;
  let azerbaijan: number;

  beforeAll(async () => {
    const suffix = unique('merge');
    categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Merge ${suffix}` } })).id;
    agreementId = (await prisma.agreement.create({ data: { title: `Memorandum ${suffix}`, kind: 'mou' } }))
      .id;
    turkey = (await prisma.party.create({ data: { name: `Türkiye ${suffix}`, kind: 'state' } })).id;
    azerbaijan = (await prisma.party.create({ data: { name: `Azerbaijan ${suffix}`, kind: 'state' } })).id;
  });

  it('keeps the other editor’s parties, keeps my due date, and saves my title once I choose it', async () => {
    const [other, me] = await Promise.all([
      createTestUser(prisma, 'analyst', { label: 'commitment-other' }),
      createTestUser(prisma, 'analyst', { label: 'commitment-me' }),
    ]);
    const created = await createCommitment(
      commitmentSchema.parse({
        agreementId: String(agreementId),
        title: unique('Joint exercises'),
        categoryId: String(categoryId),
        responsiblePartyId: [String(turkey)],
      }),
      other.id,
      prisma,
    );
    const loaded = commitmentFormValues(created);
    const baseOf = (values: CommitmentFormValues) =>
      JSON.stringify(mergeValuesOf(values, mergeKeys(COMMITMENT_MERGE)));

    // The other editor renames it and adds a responsible party.
    await updateCommitment(
      updateCommitmentSchema.parse({
        ...loaded,
        title: `${loaded.title} (theirs)`,
        responsiblePartyId: [String(turkey), String(azerbaijan)],
      }),
      other.id,
      prisma,
    );

    const action = createAction(async () => ({ ...me, deactivatedAt: null }));
    const update = createEditAction(action, () => prisma)(
      {
        permission: 'write',
        schema: updateCommitmentSchema,
        entityType: 'Commitment',
        merge: COMMITMENT_MERGE,
      },
      async (input, { user }) => {
        await updateCommitment(input, user.id, prisma);
      },
    );
    const submit = (fields: Record<string, string | string[]>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields))
        for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
      return update(null, data);
    };
    // What the form sends: its fields, not the `archived` flag it was given.
    const mine = mergeValuesOf({ ...loaded, title: `${loaded.title} (mine)`, dueOn: '2027-03-31' });

    const first = (await submit({ ...mine, base: baseOf(loaded) })) as Record<string, unknown>;
    expect(first).toMatchObject({
      ok: false,
      current: { title: `${loaded.title} (theirs)`, version: '2' },
      values: { title: `${loaded.title} (mine)`, dueOn: '2027-03-31' },
      merge: {
        fields: { title: 'conflict', responsible: 'theirs', dueOn: 'mine', strength: 'unchanged' },
        conflicts: ['title'],
        changedBy: { name: other.name, at: expect.any(String) },
      },
    });
    const merged = first.values as Record<string, string | string[]>;
    expect([...(merged.responsiblePartyId as string[])].sort()).toEqual(
      [String(turkey), String(azerbaijan)].sort(),
    );

    // Saving the merged form again, at the version now saved, without choosing a title: refused, nothing saved.
    const current = first.current as CommitmentFormValues;
    const again = {
      ...merged,
      id: loaded.id,
      version: current.version,
      base: baseOf(current),
      conflicts: 'title',
    };
    expect(await submit(again)).toMatchObject({
      ok: false,
      fieldErrors: { 'resolve.title': ['Choose which version to keep.'] },
    });
    expect((await getCommitmentForEdit(created.id, prisma))?.version).toBe(2);

    // Mine chosen: my title and due date, their parties.
    expect(await submit({ ...again, 'resolve.title': 'mine' })).toMatchObject({ ok: true });
    const saved = await getCommitmentForEdit(created.id, prisma);
    expect(saved).toMatchObject({ title: `${loaded.title} (mine)`, version: 3 });
    expect(saved && commitmentFormValues(saved).dueOn).toBe('2027-03-31');
    expect([...(saved?.responsiblePartyIds ?? [])].sort()).toEqual([turkey, azerbaijan].sort());
  });

  it('a form that sends no base gets the saved values and its own, unmerged', async () => {
    const user = await createTestUser(prisma, 'analyst', { label: 'commitment-nobase' });
    const created = await createCommitment(
      commitmentSchema.parse({
        agreementId: String(agreementId),
        title: unique('Port visits'),
        categoryId: String(categoryId),
        responsiblePartyId: [String(turkey)],
      }),
      user.id,
      prisma,
    );
    const loaded = commitmentFormValues(created);
    await updateCommitment(updateCommitmentSchema.parse({ ...loaded, dueOn: '2026-06-30' }), user.id, prisma);
    const action = createAction(async () => ({ ...user, deactivatedAt: null }));
    const update = createEditAction(action, () => prisma)(
      {
        permission: 'write',
        schema: updateCommitmentSchema,
        entityType: 'Commitment',
        merge: COMMITMENT_MERGE,
      },
      async (input, { user: actor }) => {
        await updateCommitment(input, actor.id, prisma);
      },
    );
    const data = new FormData();
    for (const [key, value] of Object.entries({ ...loaded, title: 'Stale edit' }))
      for (const item of Array.isArray(value) ? value : [String(value)]) data.append(key, item);
    const result = (await update(null, data)) as Record<string, unknown>;
    expect(result).toMatchObject({
      ok: false,
      current: { dueOn: '2026-06-30', version: '2' },
      values: { title: 'Stale edit', dueOn: '' },
    });
    expect(result.merge).toBeUndefined();
  });
});
