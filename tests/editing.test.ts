// The edit mutations (lib/data/{agreements,commitments,parties,people,categories}.ts) on a real database:
// optimistic locking (a stale version throws and changes nothing), the audit row of every write with before and
// after, reciprocal pairs kept one-to-one on both sides, archiving (with an agreement's commitments), the status
// cache following a change of responsible parties, and the party tree refusing cycles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveAgreement,
  createAgreement,
  getAgreementForEdit,
  unarchiveAgreement,
  updateAgreement,
} from '../lib/data/agreements.ts';
import { archiveCategory, createCategory, updateCategory } from '../lib/data/categories.ts';
import {
  archiveCommitment,
  createCommitment,
  createCommitmentIn,
  getCommitmentForEdit,
  unarchiveCommitment,
  updateCommitment,
} from '../lib/data/commitments.ts';
import { createAction } from '../lib/auth/action-core.ts';
import { CONFLICT_MESSAGE, EditConflictError, createEditAction } from '../lib/data/editing.ts';
import {
  archiveParty,
  createParty,
  listPartyOptions,
  partyFormValues,
  partyLabels,
  unarchiveParty,
  updateParty,
} from '../lib/data/parties.ts';
import { createPerson, updatePerson } from '../lib/data/people.ts';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { parseDay } from '../lib/domain/dates.ts';
import { AppError, ConflictError, NotFoundError, RuleViolationError } from '../lib/errors.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { agreementSchema, updateAgreementSchema } from '../lib/validation/agreement.ts';
import { commitmentSchema, updateCommitmentSchema } from '../lib/validation/commitment.ts';
import { mergeEdit, type MergeValues } from '../lib/validation/editing.ts';
import { PARTY_MERGE, partySchema, updatePartySchema } from '../lib/validation/party.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma: PrismaClient = testPrisma();

let actorId: string;
let categoryId: number;
let turkey: number;
let azerbaijan: number;
let ministry: number;

beforeAll(async () => {
  actorId = (await createTestUser(prisma, 'analyst', { label: 'editor' })).id;
  const suffix = unique('edit');
  categoryId = (await prisma.category.create({ data: { slug: suffix, name: `Defence ${suffix}` } })).id;
  turkey = (
    await prisma.party.create({ data: { name: `Türkiye ${suffix}`, kind: 'state', countryCode: 'TR' } })
  ).id;
  azerbaijan = (await prisma.party.create({ data: { name: `Azerbaijan ${suffix}`, kind: 'state' } })).id;
  ministry = (
    await prisma.party.create({ data: { name: `MoD ${suffix}`, kind: 'ministry', parentId: turkey } })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** Form fields → the mutation's input, through the same schema the action uses. */
function parse<T>(schema: { parse: (value: unknown) => T }, fields: Record<string, unknown>): T {
  return schema.parse(fields);
}

async function auditsOf(entityType: string, entityId: number) {
  return prisma.auditEvent.findMany({
    where: { entityType, entityId: String(entityId) },
    orderBy: { id: 'asc' },
    select: { action: true, actorId: true, before: true, after: true },
  });
}

async function newAgreement(title = unique('Agreement')) {
  return createAgreement(
    parse(agreementSchema, {
      title,
      kind: 'mou',
      concludedOn: '2025-09',
      concludedPrecision: 'month',
      partyId: [String(turkey), String(azerbaijan)],
      partyRole: ['signatory', 'signatory'],
    }),
    actorId,
    prisma,
  );
}

async function newCommitment(agreementId: number, fields: Record<string, unknown> = {}) {
  return createCommitment(
    parse(commitmentSchema, {
      agreementId: String(agreementId),
      title: unique('Commitment'),
      categoryId: String(categoryId),
      responsiblePartyId: [String(turkey)],
      beneficiaryPartyId: [String(azerbaijan)],
      ...fields,
    }),
    actorId,
    prisma,
  );
}

/** Runs `fn`, expecting it to throw an EditConflictError; returns the error. */
async function conflictOf(fn: () => Promise<unknown>): Promise<EditConflictError> {
  const error = await fn().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EditConflictError);
  return error as EditConflictError;
}

describe('agreements', () => {
  it('are created with parties, a month-precision date and an audit event with the whole record', async () => {
    const agreement = await newAgreement('Turkey–Azerbaijan defence cooperation memorandum');
    expect(agreement).toMatchObject({
      concludedOn: parseDay('2025-09-01'),
      concludedPrecision: 'month',
      version: 1,
      parties: [
        { partyId: azerbaijan, role: 'signatory' },
        { partyId: turkey, role: 'signatory' },
      ],
    });
    const audits = await auditsOf('Agreement', agreement.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'create', actorId, before: null });
    expect(audits[0].after).toMatchObject({
      title: agreement.title,
      concludedOn: '2025-09-01T00:00:00.000Z',
    });
  });

  it('update bumps the version, replaces the rows and records before and after', async () => {
    const agreement = await newAgreement();
    const person = await createPerson(
      { name: unique('Hulusi'), title: 'Minister', partyId: ministry },
      actorId,
      prisma,
    );
    const updated = await updateAgreement(
      parse(updateAgreementSchema, {
        id: String(agreement.id),
        version: '1',
        title: 'Renamed',
        kind: 'joint_statement',
        concludedOn: '2025-09-14',
        concludedPrecision: 'day',
        partyId: [String(turkey), ''],
        partyRole: ['host', 'signatory'],
        personId: [String(person.id)],
        personRole: ['Defence minister, host'],
      }),
      actorId,
      prisma,
    );
    expect(updated).toMatchObject({
      title: 'Renamed',
      version: 2,
      concludedPrecision: 'day',
      parties: [{ partyId: turkey, role: 'host' }],
      people: [{ personId: person.id, role: 'Defence minister, host' }],
    });
    const [, update] = await auditsOf('Agreement', agreement.id);
    expect(update).toMatchObject({ action: 'update', actorId });
    expect(update.before).toMatchObject({ title: agreement.title, version: 1 });
    expect(update.after).toMatchObject({ title: 'Renamed', version: 2 });
  });

  it('a stale version throws with the current values and changes nothing', async () => {
    const agreement = await newAgreement();
    const fields = {
      id: String(agreement.id),
      version: '1',
      kind: 'mou',
      concludedPrecision: 'unknown',
    };
    await updateAgreement(parse(updateAgreementSchema, { ...fields, title: 'First save' }), actorId, prisma);
    const snapshot = await getAgreementForEdit(agreement.id, prisma);
    const auditCount = (await auditsOf('Agreement', agreement.id)).length;

    const error = await conflictOf(() =>
      updateAgreement(parse(updateAgreementSchema, { ...fields, title: 'Second save' }), actorId, prisma),
    );
    expect(error.message).toContain(CONFLICT_MESSAGE);
    expect(error.current).toMatchObject({ title: 'First save', version: '2', partyId: [] });
    expect(await getAgreementForEdit(agreement.id, prisma)).toEqual(snapshot);
    expect(await auditsOf('Agreement', agreement.id)).toHaveLength(auditCount);
  });

  it('refuses a source URL that was never logged as evidence, and links one that was', async () => {
    const agreement = await newAgreement();
    const refused = updateAgreement(
      parse(updateAgreementSchema, {
        id: String(agreement.id),
        version: '1',
        title: agreement.title,
        kind: 'mou',
        concludedPrecision: 'unknown',
        sourceUrl: ['https://news.example/never-logged'],
      }),
      actorId,
      prisma,
    );
    await expect(refused).rejects.toThrow(RuleViolationError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { sourceUrl: [expect.any(String)] } });
    expect((await getAgreementForEdit(agreement.id, prisma))!.version).toBe(1);

    const outlet = await prisma.outlet.create({ data: { name: unique('Outlet') } });
    const url = `https://news.example/${unique('article')}`;
    const evidence = await prisma.evidence.create({
      data: {
        url,
        outletId: outlet.id,
        title: 'Article',
        language: 'en',
        reliability: 'C',
        credibility: 3,
        type: 'announcement',
      },
    });
    const linked = await updateAgreement(
      parse(updateAgreementSchema, {
        id: String(agreement.id),
        version: '1',
        title: agreement.title,
        kind: 'mou',
        concludedPrecision: 'unknown',
        // Tracking parameters and a trailing slash do not hide that it is the same article.
        sourceUrl: [`${url.replace('https://news.example', 'HTTPS://NEWS.example')}/?utm_source=x`],
      }),
      actorId,
      prisma,
    );
    expect(linked.sources).toEqual([{ id: evidence.id, url, title: 'Article' }]);

    // The article's AMP page and its http www. address are the same source (lib/domain/url.ts urlIdentity).
    const amp = await updateAgreement(
      parse(updateAgreementSchema, {
        id: String(agreement.id),
        version: String(linked.version),
        title: agreement.title,
        kind: 'mou',
        concludedPrecision: 'unknown',
        sourceUrl: [`${url.replace('https://', 'http://www.')}/amp`, `${url}?amp=1`],
      }),
      actorId,
      prisma,
    );
    expect(amp.sources).toEqual([{ id: evidence.id, url, title: 'Article' }]);
  });

  it('archiving takes its live commitments along, and unarchiving brings back exactly those', async () => {
    const agreement = await newAgreement();
    const kept = await newCommitment(agreement.id);
    const earlier = await newCommitment(agreement.id);
    await archiveCommitment({ id: earlier.id, version: earlier.version }, actorId, prisma);

    const archived = await archiveAgreement({ id: agreement.id, version: 1 }, actorId, prisma);
    expect(archived.archivedAt).not.toBeNull();
    expect((await getCommitmentForEdit(kept.id, prisma))!.archivedAt).toEqual(archived.archivedAt);
    expect((await auditsOf('Commitment', kept.id)).at(-1)).toMatchObject({ action: 'archive', actorId });

    // A stale archive form (version 1) is refused.
    await conflictOf(() => unarchiveAgreement({ id: agreement.id, version: 1 }, actorId, prisma));

    const restored = await unarchiveAgreement({ id: agreement.id, version: 2 }, actorId, prisma);
    expect(restored.archivedAt).toBeNull();
    expect((await getCommitmentForEdit(kept.id, prisma))!.archivedAt).toBeNull();
    expect((await getCommitmentForEdit(earlier.id, prisma))!.archivedAt).not.toBeNull();
    expect((await auditsOf('Agreement', agreement.id)).map((audit) => audit.action)).toEqual([
      'create',
      'archive',
      'unarchive',
    ]);
  });

  it('an archived party leaves the pickers but stays where it is already linked', async () => {
    const party = await createParty(
      { name: unique('Observer'), shortName: null, kind: 'organisation', countryCode: null, parentId: null },
      actorId,
      prisma,
    );
    const agreement = await createAgreement(
      parse(agreementSchema, {
        title: unique('Agreement'),
        kind: 'treaty',
        concludedPrecision: 'unknown',
        partyId: [String(party.id)],
        partyRole: ['observer'],
      }),
      actorId,
      prisma,
    );
    await archiveParty({ id: party.id, version: 1 }, actorId, prisma);
    const keepFields = {
      id: String(agreement.id),
      title: agreement.title,
      kind: 'treaty',
      concludedPrecision: 'unknown',
      partyId: [String(party.id)],
      partyRole: ['observer'],
    };
    await expect(
      updateAgreement(parse(updateAgreementSchema, { ...keepFields, version: '1' }), actorId, prisma),
    ).resolves.toMatchObject({ version: 2 });

    const other = await newAgreement();
    await expect(
      updateAgreement(
        parse(updateAgreementSchema, { ...keepFields, id: String(other.id), version: '1' }),
        actorId,
        prisma,
      ),
    ).rejects.toMatchObject({ fieldErrors: { partyId: [expect.stringContaining('archived')] } });

    await unarchiveParty({ id: party.id, version: 2 }, actorId, prisma);
    await expect(
      updateAgreement(
        parse(updateAgreementSchema, { ...keepFields, id: String(other.id), version: '1' }),
        actorId,
        prisma,
      ),
    ).resolves.toMatchObject({ version: 2 });
  });
});

describe('commitments', () => {
  it('a stale version throws with the current values and changes nothing, the first save stands', async () => {
    const agreement = await newAgreement();
    const commitment = await newCommitment(agreement.id, { title: 'Original', dueOn: '2026-06-30' });
    const base = {
      id: String(commitment.id),
      version: '1',
      agreementId: String(agreement.id),
      categoryId: String(categoryId),
      responsiblePartyId: [String(turkey)],
    };
    // Two forms loaded at version 1: the first save wins.
    await updateCommitment(parse(updateCommitmentSchema, { ...base, title: 'First' }), actorId, prisma);
    const saved = await getCommitmentForEdit(commitment.id, prisma);
    const audits = await auditsOf('Commitment', commitment.id);

    const error = await conflictOf(() =>
      updateCommitment(
        parse(updateCommitmentSchema, { ...base, title: 'Second', responsiblePartyId: [String(azerbaijan)] }),
        actorId,
        prisma,
      ),
    );
    expect(error.current).toMatchObject({
      title: 'First',
      version: '2',
      responsiblePartyId: [String(turkey)],
    });
    expect(await getCommitmentForEdit(commitment.id, prisma)).toEqual(saved);
    expect(await auditsOf('Commitment', commitment.id)).toEqual(audits);
    expect(audits.at(-1)).toMatchObject({
      action: 'update',
      before: { title: 'Original', dueOn: '2026-06-30T00:00:00.000Z' },
      after: { title: 'First', dueOn: null, version: 2 },
    });
  });

  it('an edit of a record that is gone says so', async () => {
    await expect(
      updateCommitment(
        parse(updateCommitmentSchema, {
          id: '2147483000',
          version: '1',
          agreementId: '1',
          title: 'x',
          categoryId: String(categoryId),
          responsiblePartyId: [String(turkey)],
        }),
        actorId,
        prisma,
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('reciprocal links are kept one-to-one and visible from both sides', async () => {
    const agreement = await newAgreement();
    const a = await newCommitment(agreement.id);
    const b = await newCommitment(agreement.id);
    const c = await newCommitment(agreement.id);
    const edit = (record: { id: number; version: number }, reciprocalId: number | '') =>
      updateCommitment(
        parse(updateCommitmentSchema, {
          id: String(record.id),
          version: String(record.version),
          agreementId: String(agreement.id),
          title: unique('Commitment'),
          categoryId: String(categoryId),
          responsiblePartyId: [String(turkey)],
          reciprocalId: String(reciprocalId),
        }),
        actorId,
        prisma,
      );
    const read = async (id: number) => (await getCommitmentForEdit(id, prisma))!;

    // A ↔ B, set from A: B sees A, and B's version moves so a form open on B cannot silently undo it.
    await edit(a, b.id);
    expect((await read(a.id)).reciprocalId).toBe(b.id);
    expect(await read(b.id)).toMatchObject({ reciprocalId: a.id, version: 2 });
    expect((await auditsOf('Commitment', b.id)).at(-1)).toMatchObject({
      action: 'update',
      before: { reciprocalId: null },
      after: { reciprocalId: a.id },
    });
    await conflictOf(() => edit(b, c.id)); // b is still the version-1 object: stale.

    // C ↔ B, set from C: A loses its partner.
    await edit(c, b.id);
    expect((await read(c.id)).reciprocalId).toBe(b.id);
    expect((await read(b.id)).reciprocalId).toBe(c.id);
    expect(await read(a.id)).toMatchObject({ reciprocalId: null, version: 3 });

    // Unset from B (the side that does not hold the link): both sides are free again.
    await edit(await read(b.id), '');
    expect((await read(b.id)).reciprocalId).toBeNull();
    expect((await read(c.id)).reciprocalId).toBeNull();
    expect(
      await prisma.commitment.count({
        where: { id: { in: [a.id, b.id, c.id] }, NOT: { reciprocalOfId: null } },
      }),
    ).toBe(0);
  });

  it('cannot be its own reciprocal, nor pick an archived one', async () => {
    const agreement = await newAgreement();
    const a = await newCommitment(agreement.id);
    const b = await newCommitment(agreement.id);
    expect(
      updateCommitmentSchema.safeParse({
        id: String(a.id),
        version: '1',
        agreementId: String(agreement.id),
        title: 'x',
        categoryId: String(categoryId),
        responsiblePartyId: [String(turkey)],
        reciprocalId: String(a.id),
      }).success,
    ).toBe(false);
    await archiveCommitment({ id: b.id, version: 1 }, actorId, prisma);
    await expect(newCommitment(agreement.id, { reciprocalId: String(b.id) })).rejects.toMatchObject({
      fieldErrors: { reciprocalId: [expect.stringContaining('archived')] },
    });
    await unarchiveCommitment({ id: b.id, version: 2 }, actorId, prisma);
    const c = await newCommitment(agreement.id, { reciprocalId: String(b.id) });
    expect(c.reciprocalId).toBe(b.id);
  });

  it('changing the responsible parties refreshes the per-party status in the same transaction', async () => {
    const agreement = await newAgreement();
    const commitment = await newCommitment(agreement.id, { responsiblePartyId: [String(turkey)] });
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, actorId, [
        { commitmentId: commitment.id, status: 'in_progress', observedOn: parseDay('2025-10-01') },
      ]),
    );
    const partyStatuses = () =>
      prisma.commitmentPartyStatus.findMany({
        where: { commitmentId: commitment.id },
        select: { partyId: true, status: true },
        orderBy: { partyId: 'asc' },
      });
    expect(await partyStatuses()).toEqual([{ partyId: turkey, status: 'in_progress' }]);

    await updateCommitment(
      parse(updateCommitmentSchema, {
        id: String(commitment.id),
        version: '1',
        agreementId: String(agreement.id),
        title: commitment.title,
        categoryId: String(categoryId),
        responsiblePartyId: [String(azerbaijan), String(ministry)],
      }),
      actorId,
      prisma,
    );
    expect(await partyStatuses()).toEqual(
      [azerbaijan, ministry].sort((x, y) => x - y).map((partyId) => ({ partyId, status: 'in_progress' })),
    );
    // The status itself is derived from history, never edited.
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
      'in_progress',
    );
  });
});

describe('parties', () => {
  it('refuse a parent that would make a cycle, and change nothing', async () => {
    const make = (name: string, parentId: number | null) =>
      createParty(
        parse(partySchema, {
          name: unique(name),
          kind: 'agency',
          parentId: parentId ? String(parentId) : '',
        }),
        actorId,
        prisma,
      );
    const top = await make('Top', null);
    const middle = await make('Middle', top.id);
    const bottom = await make('Bottom', middle.id);
    const reparent = (parentId: number) =>
      updateParty(
        parse(updatePartySchema, {
          id: String(top.id),
          version: '1',
          name: top.name,
          kind: 'agency',
          parentId: String(parentId),
        }),
        actorId,
        prisma,
      );
    for (const below of [middle.id, bottom.id]) {
      const refused = reparent(below);
      await expect(refused).rejects.toThrow(RuleViolationError);
      await expect(refused).rejects.toMatchObject({
        fieldErrors: { parentId: [expect.stringContaining('under')] },
      });
    }
    expect(await prisma.party.findUniqueOrThrow({ where: { id: top.id } })).toMatchObject({
      parentId: null,
      version: 1,
    });
    expect(
      updatePartySchema.safeParse({
        id: String(top.id),
        version: '1',
        name: 'x',
        kind: 'state',
        parentId: String(top.id),
      }).success,
    ).toBe(false);

    // A legal move still works and is audited.
    const other = await make('Other', null);
    await expect(reparent(other.id)).resolves.toMatchObject({ parentId: other.id, version: 2 });
    expect((await auditsOf('Party', top.id)).at(-1)).toMatchObject({
      action: 'update',
      before: { parentId: null },
      after: { parentId: other.id },
    });
  });

  it('refuse a name already taken, whatever its case, and an unknown country code', async () => {
    const name = unique('Georgia');
    await createParty(parse(partySchema, { name, kind: 'state', countryCode: 'ge' }), actorId, prisma);
    await expect(
      createParty(parse(partySchema, { name: name.toUpperCase(), kind: 'state' }), actorId, prisma),
    ).rejects.toThrow(ConflictError);
    expect(partySchema.safeParse({ name: 'X', kind: 'state', countryCode: 'UK' }).success).toBe(false);
    expect(partySchema.safeParse({ name: 'X', kind: 'state', countryCode: 'XX' }).success).toBe(false);
  });
});

describe('people and categories', () => {
  it('people: a stale version throws with the current values', async () => {
    const person = await createPerson({ name: unique('Yaşar'), title: null, partyId: null }, actorId, prisma);
    await updatePerson(
      { id: person.id, version: 1, name: person.name, title: 'Minister', partyId: ministry },
      actorId,
      prisma,
    );
    const error = await conflictOf(() =>
      updatePerson(
        { id: person.id, version: 1, name: person.name, title: 'Other', partyId: null },
        actorId,
        prisma,
      ),
    );
    expect(error.current).toMatchObject({ title: 'Minister', partyId: String(ministry), version: '2' });
  });

  it('categories: created last by default, edited with their version, archived', async () => {
    const name = unique('Arms procurement');
    const { _max: before } = await prisma.category.aggregate({ _max: { position: true } });
    const created = await createCategory({ name, slug: unique('arms'), position: null }, actorId, prisma);
    // After every category there was (other test files may add some meanwhile, never remove one).
    expect(created.position).toBeGreaterThanOrEqual((before.position ?? 0) + 10);
    await expect(
      createCategory({ name: name.toLowerCase(), slug: unique('other'), position: 1 }, actorId, prisma),
    ).rejects.toMatchObject({ fieldErrors: { name: [expect.any(String)] } });
    const updated = await updateCategory(
      { id: created.id, version: 1, name: `${name} (renamed)`, slug: created.slug, position: 5 },
      actorId,
      prisma,
    );
    expect(updated).toMatchObject({ position: 5, version: 2 });
    await conflictOf(() => archiveCategory({ id: created.id, version: 1 }, actorId, prisma));
    await expect(archiveCategory({ id: created.id, version: 2 }, actorId, prisma)).resolves.toMatchObject({
      archivedAt: expect.any(Date),
    });
    expect((await auditsOf('Category', created.id)).map((audit) => audit.action)).toEqual([
      'create',
      'update',
      'archive',
    ]);
  });

  it('every refusal is an AppError the action wrapper can show', () => {
    expect(new EditConflictError('party', {})).toBeInstanceOf(AppError);
  });
});

describe('party names are unique within their parent (issue [3/9] item 13)', () => {
  const make = (name: string, parentId: number | null, kind = 'ministry') =>
    createParty(
      parse(partySchema, { name, kind, parentId: parentId ? String(parentId) : '' }),
      actorId,
      prisma,
    );

  it('the same name under two parents, never twice in one parent nor twice at the top level', async () => {
    const rwanda = await make(unique('Rwanda'), null, 'state');
    const uae = await make(unique('UAE'), null, 'state');
    const name = unique('Ministry of Interior');
    const rwandan = await make(name, rwanda.id);
    const emirati = await make(name, uae.id);
    expect(emirati.id).not.toBe(rwandan.id);

    // A second in Rwanda, whatever its case: refused beside the name, saying where the clash is.
    const again = make(name.toUpperCase(), rwanda.id);
    await expect(again).rejects.toThrow(ConflictError);
    await expect(again).rejects.toMatchObject({
      fieldErrors: { name: [`A party named “${name}” already exists under “${rwanda.name}”.`] },
    });
    // At the top level, among the top-level parties.
    await expect(make(rwanda.name.toLowerCase(), null, 'state')).rejects.toMatchObject({
      fieldErrors: { name: [`A party named “${rwanda.name}” already exists at the top level.`] },
    });
    // A top-level party may share a name with one under a parent.
    await expect(make(name, null)).resolves.toMatchObject({ parentId: null });

    // Moving a party where its name is taken re-checks, and changes nothing.
    const other = await make(unique('Other state'), null, 'state');
    const wanderer = await make(name, other.id);
    const move = updateParty(
      parse(updatePartySchema, {
        id: String(wanderer.id),
        version: '1',
        name,
        kind: 'ministry',
        parentId: String(uae.id),
      }),
      actorId,
      prisma,
    );
    await expect(move).rejects.toMatchObject({
      fieldErrors: { name: [`A party named “${name}” already exists under “${uae.name}”.`] },
    });
    expect(await prisma.party.findUniqueOrThrow({ where: { id: wanderer.id } })).toMatchObject({
      parentId: other.id,
      version: 1,
    });
  });

  it('two saves of the same new name at once: one wins, the other gets the field message, never a 500', async () => {
    for (const parentId of [null, (await make(unique('Racing state'), null, 'state')).id]) {
      const name = unique('Racing ministry');
      const results = await Promise.allSettled([make(name, parentId), make(name, parentId)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [refused] = results.filter((result) => result.status === 'rejected');
      expect(refused.reason).toBeInstanceOf(ConflictError);
      expect(Object.keys((refused.reason as ConflictError).fieldErrors)).toEqual(['name']);
    }
  });

  it('pickers and lists say “Ministry of Interior (Rwanda)” where the bare name is ambiguous', async () => {
    expect(
      partyLabels([
        { id: 1, name: 'Rwanda', parentId: null },
        { id: 2, name: 'United Arab Emirates', parentId: null },
        { id: 3, name: 'Ministry of Interior', parentId: 1 },
        { id: 4, name: 'Ministry of Interior', parentId: 2 },
        { id: 5, name: 'Ministry of Defence', parentId: 1 },
      ]),
    ).toEqual(
      new Map([
        [1, 'Rwanda'],
        [2, 'United Arab Emirates'],
        [3, 'Ministry of Interior (Rwanda)'],
        [4, 'Ministry of Interior (United Arab Emirates)'],
        [5, 'Ministry of Defence'],
      ]),
    );
    const rwanda = await make(unique('Rwanda'), null, 'state');
    const name = unique('Ministry of Interior');
    const here = await make(name, rwanda.id);
    await make(name, (await make(unique('UAE'), null, 'state')).id);
    const options = await listPartyOptions(prisma);
    expect(options.find((option) => option.id === here.id)?.name).toBe(`${name} (${rwanda.name})`);
  });
});

describe('three-way merge of a lost race (issue [3/9] item 15)', () => {
  const fields = PARTY_MERGE;
  const base: MergeValues = { name: 'A', shortName: '', kind: 'state', countryCode: 'TR', parentId: '' };

  it('keeps their change, keeps mine, and asks only where both changed a field differently', () => {
    const mine = { ...base, shortName: 'MSB', kind: 'agency', countryCode: 'tr ' };
    const theirs = { ...base, name: 'B', kind: 'ministry', parentId: '7' };
    const merged = mergeEdit(fields, base, mine, theirs);
    expect(merged.fields).toEqual({
      name: 'theirs',
      shortName: 'mine',
      kind: 'conflict',
      countryCode: 'unchanged',
      parentId: 'theirs',
    });
    expect(merged.values).toMatchObject({ name: 'B', shortName: 'MSB', kind: 'agency', parentId: '7' });
    expect(merged.conflicts).toEqual(['kind']);
    // Both made the same change: no conflict.
    expect(mergeEdit(fields, base, { ...base, name: 'C' }, { ...base, name: ' C' }).fields.name).toBe('same');
  });

  it('lists: rows left empty and the order of rows are no change; a missing list is an empty one', async () => {
    const { AGREEMENT_MERGE } = await import('../lib/validation/agreement.ts');
    const agreementBase: MergeValues = {
      title: 'T',
      partyId: ['1', '2'],
      partyRole: ['signatory', 'host'],
      sourceUrl: ['https://a.example/x'],
    };
    const mine = { ...agreementBase, partyId: ['2', '1', ''], partyRole: ['host', 'signatory', 'signatory'] };
    delete (mine as Partial<MergeValues>).sourceUrl;
    const theirs = {
      ...agreementBase,
      partyId: ['1', '2', '3'],
      partyRole: ['signatory', 'host', 'witness'],
    };
    const merged = mergeEdit(AGREEMENT_MERGE, agreementBase, mine, theirs);
    expect(merged.fields).toMatchObject({ parties: 'theirs', sources: 'mine', title: 'unchanged' });
    expect(merged.values.partyId).toEqual(['1', '2', '3']);
    expect(merged.values.sourceUrl).toEqual([]);
  });

  it('the edit wrapper merges on a real save, names who saved in between, and needs a choice where both changed', async () => {
    const other = await createTestUser(prisma, 'analyst', { label: 'other-editor' });
    const me = await createTestUser(prisma, 'analyst', { label: 'me-editor' });
    const party = await createParty(
      parse(partySchema, { name: unique('Merge'), kind: 'state', countryCode: 'TR' }),
      actorId,
      prisma,
    );
    const loaded = partyFormValues(party);
    const baseJson = JSON.stringify({
      name: loaded.name,
      shortName: loaded.shortName,
      kind: loaded.kind,
      countryCode: loaded.countryCode,
      parentId: loaded.parentId,
    });
    // The other editor renames it and changes its kind.
    await updateParty(
      {
        id: party.id,
        version: 1,
        name: `${party.name} renamed`,
        shortName: null,
        kind: 'agency',
        countryCode: 'TR',
        parentId: null,
      },
      other.id,
      prisma,
    );

    const action = createAction(async () => ({ ...me, deactivatedAt: null }));
    const editAction = createEditAction(action, () => prisma);
    let saved: unknown = null;
    const update = editAction(
      { permission: 'write', schema: updatePartySchema, entityType: 'Party', merge: PARTY_MERGE },
      async (input, { user }) => {
        saved = await updateParty(input, user.id, prisma);
      },
    );
    const submit = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.append(key, value);
      return update(null, data);
    };
    const mine = {
      id: String(party.id),
      name: party.name,
      shortName: 'MX',
      kind: 'organisation',
      countryCode: 'TR',
      parentId: '',
    };
    const first = (await submit({ ...mine, version: '1', base: baseJson })) as Record<string, unknown>;
    expect(first).toMatchObject({
      ok: false,
      reason: 'rejected',
      current: { name: `${party.name} renamed`, kind: 'agency', version: '2' },
      values: { name: `${party.name} renamed`, shortName: 'MX', kind: 'organisation' },
      merge: {
        fields: { name: 'theirs', shortName: 'mine', kind: 'conflict', countryCode: 'unchanged' },
        conflicts: ['kind'],
        changedBy: { name: other.name, at: expect.any(String) },
      },
    });
    expect(saved).toBeNull();

    // Saving again without choosing a version of the field both changed: refused beside that choice.
    const merged = first.values as Record<string, string>;
    const current = first.current as Record<string, string>;
    const theirBase = JSON.stringify({
      name: current.name,
      shortName: current.shortName,
      kind: current.kind,
      countryCode: current.countryCode,
      parentId: current.parentId,
    });
    const again = { ...merged, id: String(party.id), version: '2', base: theirBase, conflicts: 'kind' };
    expect(await submit(again)).toMatchObject({
      ok: false,
      fieldErrors: { 'resolve.kind': ['Choose which version to keep.'] },
    });
    // Chosen: both changes are kept.
    expect(await submit({ ...again, 'resolve.kind': 'mine' })).toMatchObject({ ok: true });
    expect(await prisma.party.findUniqueOrThrow({ where: { id: party.id } })).toMatchObject({
      name: `${party.name} renamed`,
      shortName: 'MX',
      kind: 'organisation',
      version: 3,
    });
  });
});

describe('new parties and people from inside the agreement form (issue [3/9] item 12)', () => {
  it('are created with the agreement, in its transaction, audited, under the same rules', async () => {
    const name = unique('Ministry of Interior');
    const person = unique('Vincent Biruta');
    const fields = {
      title: unique('Rwanda–UAE security memorandum'),
      kind: 'mou',
      concludedPrecision: 'unknown',
      partyId: [String(turkey)],
      partyRole: ['signatory'],
      newPartyName: [name, ''],
      newPartyShortName: ['', ''],
      newPartyKind: ['ministry', 'ministry'],
      newPartyCountry: ['rw', ''],
      newPartyParentId: [String(azerbaijan), ''],
      newPartyRole: ['host', 'signatory'],
      newPersonName: [person],
      newPersonTitle: ['Minister of Interior'],
      newPersonPartyId: [String(azerbaijan)],
      newPersonRole: ['host'],
    };
    const agreement = await createAgreement(parse(agreementSchema, fields), actorId, prisma);
    const created = await prisma.party.findFirstOrThrow({ where: { name, parentId: azerbaijan } });
    expect(created).toMatchObject({ countryCode: 'RW', kind: 'ministry' });
    expect(agreement.parties).toEqual(
      expect.arrayContaining([
        { partyId: turkey, role: 'signatory' },
        { partyId: created.id, role: 'host' },
      ]),
    );
    const newPerson = await prisma.person.findFirstOrThrow({ where: { name: person } });
    expect(agreement.people).toEqual([{ personId: newPerson.id, role: 'host' }]);
    expect((await auditsOf('Party', created.id)).map((audit) => audit.action)).toEqual(['create']);
    expect((await auditsOf('Person', newPerson.id)).map((audit) => audit.action)).toEqual(['create']);

    // The same new party again, in the same parent: refused beside that row's name; nothing is created.
    const title = unique('Second memorandum');
    const refused = createAgreement(
      parse(agreementSchema, { ...fields, title, newPersonName: [] }),
      actorId,
      prisma,
    );
    await expect(refused).rejects.toMatchObject({
      fieldErrors: { 'newParty.0.name': [expect.stringContaining('already exists under')] },
    });
    expect(await prisma.agreement.count({ where: { title } })).toBe(0);

    // Rows checked by the party and person schemas: messages beside the row's inputs.
    const invalid = agreementSchema.safeParse({
      ...fields,
      newPartyName: ['', 'x'],
      newPartyCountry: ['XX', 'UK'],
      newPartyKind: ['ministry', 'nonsense'],
      newPersonName: [''],
    });
    expect(invalid.success).toBe(false);
    const paths = invalid.error!.issues.map((issue) => issue.path[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'newParty.0.name',
        'newParty.0.countryCode',
        'newParty.1.kind',
        'newParty.1.countryCode',
        'newPerson.0.name',
      ]),
    );
  });
});

describe('an agreement drafted from an article is saved with its commitments in one transaction', () => {
  const agreementFields = (title: string) => ({
    title,
    kind: 'mou',
    concludedOn: '2025-09',
    concludedPrecision: 'month',
    partyId: [String(turkey), String(azerbaijan)],
    partyRole: ['signatory', 'signatory'],
  });
  const commitmentOf = (agreementId: number, category: number) =>
    parse(commitmentSchema, {
      agreementId: String(agreementId),
      title: unique('Drafted commitment'),
      categoryId: String(category),
      responsiblePartyId: [String(turkey)],
    });

  it('writes the agreement and every commitment, each audited', async () => {
    const title = unique('Drafted memorandum');
    const agreement = await createAgreement(
      parse(agreementSchema, agreementFields(title)),
      actorId,
      prisma,
      async (tx, created) => {
        await createCommitmentIn(tx, commitmentOf(created.id, categoryId), actorId);
        await createCommitmentIn(tx, commitmentOf(created.id, categoryId), actorId);
      },
    );
    const commitments = await prisma.commitment.findMany({
      where: { agreementId: agreement.id },
      select: { id: true },
    });
    expect(commitments).toHaveLength(2);
    for (const { id } of commitments)
      expect((await auditsOf('Commitment', id)).map((a) => a.action)).toEqual(['create']);
  });

  it('leaves nothing behind when one commitment is refused, so a second click cannot duplicate the agreement', async () => {
    const archived = await createCategory(
      { name: unique('Archived'), slug: unique('archived'), position: null },
      actorId,
      prisma,
    );
    await archiveCategory({ id: archived.id, version: archived.version }, actorId, prisma);
    const title = unique('Drafted memorandum');
    const refused = createAgreement(
      parse(agreementSchema, agreementFields(title)),
      actorId,
      prisma,
      async (tx, created) => {
        await createCommitmentIn(tx, commitmentOf(created.id, categoryId), actorId);
        await createCommitmentIn(tx, commitmentOf(created.id, archived.id), actorId);
      },
    );
    await expect(refused).rejects.toBeInstanceOf(AppError);
    expect(await prisma.agreement.count({ where: { title } })).toBe(0);
  });
});
