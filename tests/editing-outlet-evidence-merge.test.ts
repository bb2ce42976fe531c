// The outlet and evidence-item edit forms in the three-way merge of a lost race (decision 013): their merge fields
// cover every field of the form; and on a real database the edit wrapper with each mutation keeps the other
// editor's change, keeps mine, and asks where both changed the same field before saving.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction } from '../lib/auth/action-core.ts';
import { createEditAction } from '../lib/data/editing.ts';
import { evidenceFormValues, getEvidenceForEdit, updateEvidence } from '../lib/data/evidence-edit.ts';
import { createOutlet, getOutletOrThrow, outletFormValues, updateOutlet } from '../lib/data/outlets.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { mergeKeys, mergeValuesOf, type MergeField } from '../lib/validation/editing.ts';
import {
  EVIDENCE_MERGE,
  updateEvidenceSchema,
  type EvidenceFormValues,
} from '../lib/validation/evidence-edit.ts';
import { OUTLET_MERGE, updateOutletSchema, type OutletFormValues } from '../lib/validation/outlet.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma: PrismaClient = testPrisma();

afterAll(async () => {
  await prisma.$disconnect();
});

const notMerged = ['id', 'version'];

/** A form key left out of the merge would be saved as this user had it: the other editor's change reverted. */
function expectCovers(fields: readonly MergeField[], form: Record<string, string>, shape: string[]) {
  expect(mergeKeys(fields).sort()).toEqual(
    Object.keys(form)
      .filter((key) => !notMerged.includes(key))
      .sort(),
  );
  expect(shape).toEqual(expect.arrayContaining(mergeKeys(fields)));
  // One field per key, named once.
  expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
}

describe('OUTLET_MERGE and EVIDENCE_MERGE', () => {
  it('cover every field of the outlet edit form, and only fields of the form', () => {
    const form: OutletFormValues = {
      id: '1',
      version: '1',
      name: 'Dawn',
      website: '',
      defaultReliability: 'B',
    };
    expectCovers(OUTLET_MERGE, form, Object.keys(updateOutletSchema.shape));
  });

  it('cover every field of the evidence edit form, and only fields of the form', () => {
    const form: EvidenceFormValues = {
      id: '1',
      version: '1',
      title: 'Ministers agree exercises',
      originalTitle: '',
      language: 'en',
      publishedOn: '',
      excerpt: '',
      reliability: 'B',
      credibility: '2',
      type: 'announcement',
      outletId: '1',
    };
    expectCovers(EVIDENCE_MERGE, form, Object.keys(updateEvidenceSchema.shape));
  });
});

/** Submits form fields to an edit action as the browser would. */
function submitter(update: (state: unknown, data: FormData) => Promise<unknown>) {
  return async (fields: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
    return (await update(null, data)) as Record<string, unknown>;
  };
}

function actionAs(user: TestUser) {
  return createAction(async () => ({ ...user, deactivatedAt: null }));
}

describe('editing an outlet after a lost race', () => {
  let other: TestUser;
  let me: TestUser;

  beforeAll(async () => {
    [other, me] = await Promise.all([
      createTestUser(prisma, 'analyst', { label: 'outlet-other' }),
      createTestUser(prisma, 'analyst', { label: 'outlet-me' }),
    ]);
  });

  async function arrange() {
    const created = await createOutlet(
      { name: unique('The Nation'), website: null, defaultReliability: 'C' },
      other.id,
      prisma,
    );
    const loaded = outletFormValues(await getOutletOrThrow(created.id, prisma));
    const baseOf = (values: OutletFormValues) =>
      JSON.stringify(mergeValuesOf(values, mergeKeys(OUTLET_MERGE)));
    const submit = submitter(
      createEditAction(actionAs(me), () => prisma)(
        { permission: 'write', schema: updateOutletSchema, entityType: 'Outlet', merge: OUTLET_MERGE },
        async (input, { user }) => {
          await updateOutlet(input, user.id, prisma);
        },
      ),
    );
    return { id: created.id, loaded, baseOf, submit };
  }

  it('keeps their reliability and my website when we changed different fields', async () => {
    const { id, loaded, baseOf, submit } = await arrange();
    await updateOutlet(updateOutletSchema.parse({ ...loaded, defaultReliability: 'B' }), other.id, prisma);

    const first = await submit({ ...loaded, website: 'https://nation.com.pk', base: baseOf(loaded) });
    expect(first).toMatchObject({
      ok: false,
      current: { defaultReliability: 'B', version: '2' },
      values: { website: 'https://nation.com.pk', defaultReliability: 'B' },
      merge: {
        fields: { name: 'unchanged', website: 'mine', defaultReliability: 'theirs' },
        conflicts: [],
        changedBy: { name: other.name, at: expect.any(String) },
      },
    });
    expect((await getOutletOrThrow(id, prisma)).version).toBe(2);

    // Saving the merged form again, at the version now saved: both changes kept.
    const current = first.current as OutletFormValues;
    const merged = first.values as Record<string, string>;
    expect(
      await submit({
        ...merged,
        id: loaded.id,
        version: current.version,
        base: baseOf(current),
        conflicts: '',
      }),
    ).toMatchObject({ ok: true });
    expect(await getOutletOrThrow(id, prisma)).toMatchObject({
      website: 'https://nation.com.pk',
      defaultReliability: 'B',
      version: 3,
    });
  });

  it('asks which reliability to keep when we both changed it, and saves the one chosen', async () => {
    const { id, loaded, baseOf, submit } = await arrange();
    await updateOutlet(updateOutletSchema.parse({ ...loaded, defaultReliability: 'B' }), other.id, prisma);

    const first = await submit({ ...loaded, defaultReliability: 'D', base: baseOf(loaded) });
    expect(first).toMatchObject({
      ok: false,
      values: { defaultReliability: 'D' },
      merge: { fields: { defaultReliability: 'conflict' }, conflicts: ['defaultReliability'] },
    });

    const current = first.current as OutletFormValues;
    const again = {
      ...(first.values as Record<string, string>),
      id: loaded.id,
      version: current.version,
      base: baseOf(current),
      conflicts: 'defaultReliability',
    };
    expect(await submit(again)).toMatchObject({
      ok: false,
      fieldErrors: { 'resolve.defaultReliability': ['Choose which version to keep.'] },
    });
    expect(await getOutletOrThrow(id, prisma)).toMatchObject({ defaultReliability: 'B', version: 2 });

    expect(await submit({ ...again, 'resolve.defaultReliability': 'mine' })).toMatchObject({ ok: true });
    expect(await getOutletOrThrow(id, prisma)).toMatchObject({ defaultReliability: 'D', version: 3 });
  });
});

describe('editing an evidence item after a lost race', () => {
  let other: TestUser;
  let me: TestUser;

  beforeAll(async () => {
    [other, me] = await Promise.all([
      createTestUser(prisma, 'analyst', { label: 'evidence-other' }),
      createTestUser(prisma, 'analyst', { label: 'evidence-me' }),
    ]);
  });

  async function arrange() {
    const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
    const excerpt = 'The ministers agreed to hold joint exercises.';
    const evidence = await prisma.evidence.create({
      data: {
        url: `https://news.example/${unique('item')}`,
        outletId: outlet.id,
        title: 'Ministers agree exercises',
        language: 'en',
        excerpt,
        excerptHash: createHash('sha256').update(excerpt, 'utf8').digest('hex'),
        reliability: 'B',
        credibility: 2,
        type: 'announcement',
      },
    });
    const loaded = evidenceFormValues((await getEvidenceForEdit(evidence.id, prisma))!);
    const baseOf = (values: EvidenceFormValues) =>
      JSON.stringify(mergeValuesOf(values, mergeKeys(EVIDENCE_MERGE)));
    const submit = submitter(
      createEditAction(actionAs(me), () => prisma)(
        { permission: 'write', schema: updateEvidenceSchema, entityType: 'Evidence', merge: EVIDENCE_MERGE },
        async (input, { user }) => {
          await updateEvidence(input, user.id, prisma);
        },
      ),
    );
    return { id: evidence.id, loaded, baseOf, submit };
  }

  it('keeps their credibility and my title when we changed different fields', async () => {
    const { id, loaded, baseOf, submit } = await arrange();
    await updateEvidence(updateEvidenceSchema.parse({ ...loaded, credibility: '4' }), other.id, prisma);

    const first = await submit({ ...loaded, title: 'Ministers agree joint exercises', base: baseOf(loaded) });
    expect(first).toMatchObject({
      ok: false,
      current: { credibility: '4', version: '2' },
      values: { title: 'Ministers agree joint exercises', credibility: '4' },
      merge: {
        fields: { title: 'mine', credibility: 'theirs', excerpt: 'unchanged', outletId: 'unchanged' },
        conflicts: [],
        changedBy: { name: other.name, at: expect.any(String) },
      },
    });
    expect((await getEvidenceForEdit(id, prisma))?.version).toBe(2);

    const current = first.current as EvidenceFormValues;
    expect(
      await submit({
        ...(first.values as Record<string, string>),
        id: loaded.id,
        version: current.version,
        base: baseOf(current),
        conflicts: '',
      }),
    ).toMatchObject({ ok: true });
    expect(await getEvidenceForEdit(id, prisma)).toMatchObject({
      title: 'Ministers agree joint exercises',
      credibility: 4,
      version: 3,
    });
  });

  it('asks which title to keep when we both changed it, and saves the one chosen', async () => {
    const { id, loaded, baseOf, submit } = await arrange();
    await updateEvidence(
      updateEvidenceSchema.parse({ ...loaded, title: 'Their title', excerpt: 'Their excerpt.' }),
      other.id,
      prisma,
    );

    const first = await submit({
      ...loaded,
      title: 'My title',
      publishedOn: '2025-09-14',
      base: baseOf(loaded),
    });
    expect(first).toMatchObject({
      ok: false,
      values: { title: 'My title', publishedOn: '2025-09-14', excerpt: 'Their excerpt.' },
      merge: {
        fields: { title: 'conflict', publishedOn: 'mine', excerpt: 'theirs' },
        conflicts: ['title'],
      },
    });

    const current = first.current as EvidenceFormValues;
    const again = {
      ...(first.values as Record<string, string>),
      id: loaded.id,
      version: current.version,
      base: baseOf(current),
      conflicts: 'title',
    };
    expect(await submit(again)).toMatchObject({
      ok: false,
      fieldErrors: { 'resolve.title': ['Choose which version to keep.'] },
    });
    expect(await getEvidenceForEdit(id, prisma)).toMatchObject({ title: 'Their title', version: 2 });

    expect(await submit({ ...again, 'resolve.title': 'theirs', title: 'Their title' })).toMatchObject({
      ok: true,
    });
    const saved = await getEvidenceForEdit(id, prisma);
    expect(saved).toMatchObject({ title: 'Their title', excerpt: 'Their excerpt.', version: 3 });
    expect(saved && evidenceFormValues(saved).publishedOn).toBe('2025-09-14');
  });
});
