// Outlet writes (lib/data/outlets.ts) on a real database: optimistic locking, archive instead of delete, names
// unique regardless of case, and an audit event for every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveOutlet,
  createOutlet,
  listOutletOptions,
  listOutlets,
  unarchiveOutlet,
  updateOutlet,
} from '../lib/data/outlets.ts';
import { ConflictError, VersionConflictError } from '../lib/errors.ts';
import { createOutletSchema, updateOutletSchema } from '../lib/validation/outlet.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma = testPrisma();
let analyst: TestUser;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst');
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function newOutlet(name = unique('Outlet')) {
  return createOutlet({ name, website: null, defaultReliability: 'B' }, analyst.id, prisma);
}

describe('outlets', () => {
  it('an edit from a stale version is refused, names what happened, and changes nothing', async () => {
    const { id } = await newOutlet();
    const first = await updateOutlet(
      { id, version: 1, name: unique('Renamed'), website: null, defaultReliability: 'C' },
      analyst.id,
      prisma,
    );
    expect(first.version).toBe(2);

    const stale = updateOutlet(
      { id, version: 1, name: unique('Other'), website: null, defaultReliability: 'E' },
      analyst.id,
      prisma,
    );
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({
      fieldErrors: { version: [expect.stringMatching(/changed by someone else/)] },
    });
    const row = await prisma.outlet.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: first.name, defaultReliability: 'C', version: 2 });
    const audits = await prisma.auditEvent.findMany({
      where: { entityType: 'Outlet', entityId: String(id) },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((event) => event.action)).toEqual(['create', 'update']);
    expect(audits[1]).toMatchObject({
      actorId: analyst.id,
      before: expect.objectContaining({ defaultReliability: 'B', version: 1 }),
      after: expect.objectContaining({ defaultReliability: 'C', version: 2 }),
    });
  });

  it('two saves from the same version: exactly one wins', async () => {
    const { id } = await newOutlet();
    const results = await Promise.allSettled(
      ['A', 'D'].map((grade) =>
        updateOutlet(
          { id, version: 1, name: unique('Race'), website: null, defaultReliability: grade as 'A' | 'D' },
          analyst.id,
          prisma,
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((await prisma.outlet.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });

  it('archiving hides an outlet from pick lists but keeps it; restoring brings it back', async () => {
    const { id } = await newOutlet();
    await archiveOutlet({ id, version: 1 }, analyst.id, prisma);
    expect((await listOutletOptions(prisma)).some((outlet) => outlet.id === id)).toBe(false);
    const archived = await listOutlets({ archived: true, pageSize: 1000 }, prisma);
    expect(archived.items.some((outlet) => outlet.id === id)).toBe(true);
    // Archiving again is a no-op, not a new version.
    await archiveOutlet({ id, version: 2 }, analyst.id, prisma);
    expect((await prisma.outlet.findUniqueOrThrow({ where: { id } })).version).toBe(2);

    await unarchiveOutlet({ id, version: 2 }, analyst.id, prisma);
    expect((await listOutletOptions(prisma)).some((outlet) => outlet.id === id)).toBe(true);
    const actions = await prisma.auditEvent.findMany({
      where: { entityType: 'Outlet', entityId: String(id) },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(actions.map((event) => event.action)).toEqual(['create', 'archive', 'unarchive']);
  });

  it('names are unique regardless of case, on create and on rename', async () => {
    const name = unique('Daily Star');
    await newOutlet(name);
    await expect(newOutlet(name.toUpperCase())).rejects.toBeInstanceOf(ConflictError);
    const other = await newOutlet();
    await expect(
      updateOutlet(
        { id: other.id, version: 1, name: name.toLowerCase(), website: null, defaultReliability: 'B' },
        analyst.id,
        prisma,
      ),
    ).rejects.toMatchObject({ fieldErrors: { name: [expect.stringMatching(/already exists/)] } });
  });

  it('the forms refuse what the database should never see', () => {
    expect(createOutletSchema.safeParse({ name: ' ', defaultReliability: 'B' }).success).toBe(false);
    expect(
      createOutletSchema.safeParse({ name: 'X', website: 'javascript:alert(1)', defaultReliability: 'B' })
        .success,
    ).toBe(false);
    expect(createOutletSchema.safeParse({ name: 'X', defaultReliability: 'G' }).success).toBe(false);
    expect(updateOutletSchema.safeParse({ id: '3', name: 'X', defaultReliability: 'B' }).success).toBe(false);
    expect(
      updateOutletSchema.parse({
        id: '3',
        version: '2',
        name: ' Dawn ',
        website: '',
        defaultReliability: 'B',
      }),
    ).toEqual({ id: 3, version: 2, name: 'Dawn', website: null, defaultReliability: 'B' });
  });
});
