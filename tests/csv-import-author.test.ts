// An import cannot speak in another user's name: a row that names someone else as its author and an old logged
// time is recorded as the importer's, logged at the import; what the file claimed is kept as "originally logged
// by / at" and nothing more. Re-importing the file still adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFollowUps, previewImport } from '../lib/csv/importer.ts';
import { testPrisma, unique } from './support/db.ts';
import { createCsvFixture, updatesCsv, type CsvFixture } from './support/csv-fixtures.ts';
import { createTestUser, type TestUser } from './support/users.ts';

/** Warnings other than what a row does to its commitment's status (tests/follow-up-warnings.test.ts covers those). */
function withoutStatusWarnings<T extends { message: string }>(warnings: T[]): T[] {
  return warnings.filter(
    (warning) => !/will not become the current status|moves the status backwards/.test(warning.message),
  );
}

const prisma = testPrisma();
const bytes = (text: string) => new TextEncoder().encode(text);

let fixture: CsvFixture;
let analyst: TestUser;
let admin: TestUser;
const UNIT = 'Protection unit';

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst', { label: 'importing-analyst' });
  admin = await createTestUser(prisma, 'admin', { label: 'named-admin' });
  fixture = await createCsvFixture(prisma, {
    commitments: [{ title: UNIT, responsible: [unique('Pakistan')] }],
  });
  // Facts here are dated before the fixture's agreement (20 May 2025); these tests are about other rules, so the
  // agreement's date is unknown (tests/csv-import-rows.test.ts covers fact dates against the agreement's).
  await prisma.agreement.update({
    where: { id: fixture.agreement.id },
    data: { concludedOn: null, concludedPrecision: 'unknown' },
  });
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('an analyst imports a row naming the admin as its author', () => {
  it('records the analyst at the import time, keeps the claim as "originally", and audits the analyst', async () => {
    const file = bytes(
      updatesCsv([
        {
          observed_on: '2024-01-01',
          logged_at: '2024-01-01T00:00:00.000Z',
          author: admin.name,
          agreement: fixture.agreement.title,
          commitment: UNIT,
          status: 'in_progress',
          reason: 'claimed by the admin',
        },
      ]),
    );

    // The preview does not promise the admin as author either.
    const preview = await previewImport(prisma, file, analyst);
    expect(preview).toMatchObject({ toImport: 1, problemCount: 0 });

    const before = Date.now();
    const outcome = await importFollowUps(prisma, file, analyst);
    const after = Date.now();
    expect(outcome.imported).toBe(true);
    if (!outcome.imported) return;
    expect(outcome.updateIds).toHaveLength(1);

    const update = await prisma.statusUpdate.findUniqueOrThrow({ where: { id: outcome.updateIds[0] } });
    expect(update.authorId).toBe(analyst.id);
    expect(update.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(update.createdAt.getTime()).toBeLessThanOrEqual(after);
    expect(update.originallyLoggedBy).toBe(admin.name);
    expect(update.originallyLoggedAt?.toISOString()).toBe('2024-01-01T00:00:00.000Z');

    const audits = await prisma.auditEvent.findMany({
      where: { entityType: 'StatusUpdate', entityId: String(update.id) },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: analyst.id, action: 'import' });
    expect(audits[0].after).toMatchObject({
      authorId: analyst.id,
      originallyLoggedBy: admin.name,
      originallyLoggedAt: '2024-01-01T00:00:00.000Z',
    });
    // Nothing anywhere says the admin wrote it.
    expect(await prisma.statusUpdate.count({ where: { authorId: admin.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id } })).toBe(0);

    // The same file again adds nothing: it is recognised by the logged time it claimed.
    expect(await previewImport(prisma, file, analyst)).toMatchObject({ toImport: 0, alreadyImported: 1 });
    const second = await importFollowUps(prisma, file, analyst);
    expect(second).toMatchObject({ imported: true, preview: { toImport: 0, alreadyImported: 1 } });
    const commitmentId = fixture.commitments.get(UNIT)!;
    expect(await prisma.statusUpdate.count({ where: { commitmentId } })).toBe(1);
  });

  it('keeps no "originally" for a new row, and ignores its author cell', async () => {
    const file = bytes(
      updatesCsv([
        {
          observed_on: '2024-02-01',
          author: admin.name,
          agreement: fixture.agreement.title,
          commitment: UNIT,
          status: 'not_started',
          reason: 'new row naming the admin',
        },
      ]),
    );
    const outcome = await importFollowUps(prisma, file, analyst);
    expect(outcome.imported).toBe(true);
    if (!outcome.imported) return;
    expect(withoutStatusWarnings(outcome.preview.warnings)).toEqual([
      { row: 2, column: 'author', message: expect.stringContaining('you will be recorded as its author') },
    ]);
    const update = await prisma.statusUpdate.findUniqueOrThrow({ where: { id: outcome.updateIds[0] } });
    expect(update).toMatchObject({
      authorId: analyst.id,
      originallyLoggedBy: null,
      originallyLoggedAt: null,
    });
  });
});
