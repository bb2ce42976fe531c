// The CSV import against real data: every problem named by row and column, all rows or none, no duplicates on
// re-import, evidence found by normalised URL or created (with its outlet), copied rows logged by the importer
// with the file's author and time kept as "originally", audit events, and the action's refusals of whole files.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { previewImport, importFollowUps } from '../lib/csv/importer.ts';
import { UPDATE_COLUMNS } from '../lib/csv/columns.ts';
import { testPrisma, unique } from './support/db.ts';
import { createCsvFixture, createEvidence, updatesCsv, type CsvFixture } from './support/csv-fixtures.ts';
import { createTestUser, type TestUser } from './support/users.ts';

/** Warnings other than what a row does to its commitment's status (tests/follow-up-warnings.test.ts covers those). */
function withoutStatusWarnings<T extends { message: string }>(warnings: T[]): T[] {
  return warnings.filter(
    (warning) => !/will not become the current status|moves the status backwards/.test(warning.message),
  );
}

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
}));

const prisma = testPrisma();
const bytes = (text: string) => new TextEncoder().encode(text);

let fixture: CsvFixture;
let actor: TestUser;
let tag: string;
const UNIT = 'Protection unit';
const TRAINING = 'Training exchange';

function row(overrides: Partial<Record<(typeof UPDATE_COLUMNS)[number], string>> = {}) {
  return {
    observed_on: '2025-06-01',
    agreement: fixture.agreement.title,
    commitment: UNIT,
    status: 'in_progress',
    ...overrides,
  };
}

async function countsFor(commitmentIds: number[]) {
  return {
    updates: await prisma.statusUpdate.count({ where: { commitmentId: { in: commitmentIds } } }),
    audits: await prisma.auditEvent.count({ where: { actorId: actor.id } }),
    outlets: await prisma.outlet.count({ where: { name: { contains: tag } } }),
    evidence: await prisma.evidence.count({ where: { url: { contains: tag } } }),
  };
}

beforeAll(async () => {
  tag = unique('imp');
  actor = await createTestUser(prisma, 'analyst', { label: 'importer' });
  fixture = await createCsvFixture(prisma, {
    commitments: [
      { title: UNIT, responsible: [`Pakistan ${tag}`], beneficiary: [`China ${tag}`] },
      { title: TRAINING, responsible: [`Pakistan ${tag}`, `China ${tag}`] },
    ],
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

describe('a file with one bad row in a hundred', () => {
  it('writes nothing, names that row, and imports all hundred once fixed — and nothing more the second time', async () => {
    const ids = [...fixture.commitments.values()];
    const rows = Array.from({ length: 100 }, (_, index) =>
      row({
        observed_on: `2025-0${1 + (index % 6)}-${String(1 + (index % 28)).padStart(2, '0')}`,
        commitment: index % 2 ? UNIT : TRAINING,
        status: index % 3 ? 'in_progress' : 'Partially fulfilled',
        reason: `batch ${index}`,
        evidence_url: `https://news.example.com/${tag}/item-${index % 10}?utm_source=x`,
        outlet: `Outlet ${tag} ${index % 2}`,
        reliability: 'C',
        credibility: '3',
        evidence_type: 'concrete action',
        language: 'en',
        title: `Item ${index % 10}`,
      }),
    );
    // Rows with one URL must agree on its details, or a note says which row's are used.
    rows.forEach((r, index) => (r.outlet = `Outlet ${tag} ${(index % 10) % 2}`));
    const bad = rows.map((r, index) => (index === 55 ? { ...r, status: 'finished' } : r));
    const before = await countsFor(ids);

    const rejected = await importFollowUps(prisma, bytes(updatesCsv(bad)), actor);
    expect(rejected.imported).toBe(false);
    expect(rejected.preview.problemCount).toBe(1);
    expect(rejected.preview.problems).toEqual([
      { row: 57, column: 'status', message: expect.stringContaining('“finished” is not a status') },
    ]);
    expect(await countsFor(ids)).toEqual(before);

    const preview = await previewImport(prisma, bytes(updatesCsv(rows)), actor);
    expect(preview).toMatchObject({
      rows: 100,
      toImport: 100,
      problemCount: 0,
      newEvidence: 10,
      alreadyImported: 0,
    });
    expect(preview.newOutlets.map((o) => o.name).sort()).toEqual([`Outlet ${tag} 0`, `Outlet ${tag} 1`]);
    expect(await countsFor(ids)).toEqual(before);

    const done = await importFollowUps(prisma, bytes(updatesCsv(rows)), actor);
    expect(done.imported).toBe(true);
    if (!done.imported) return;
    expect(done.updateIds).toHaveLength(100);
    const after = await countsFor(ids);
    expect(after.updates).toBe(before.updates + 100);
    expect(after.outlets).toBe(before.outlets + 2);
    expect(after.evidence).toBe(before.evidence + 10);
    // One audit event per status update, evidence item and outlet, all naming the person importing.
    expect(after.audits).toBe(before.audits + 112);
    expect(
      await prisma.auditEvent.count({
        where: { actorId: actor.id, action: 'import', entityType: 'StatusUpdate' },
      }),
    ).toBeGreaterThanOrEqual(100);
    const written = await prisma.statusUpdate.findMany({
      where: { id: { in: done.updateIds } },
      orderBy: { id: 'asc' },
    });
    expect(written.every((update) => update.authorId === actor.id)).toBe(true);
    expect(new Set(written.map((update) => update.createdAt.getTime())).size).toBe(1);
    expect(written[0].status).toBe('partially_fulfilled');
    // The status cache follows.
    const unit = await prisma.commitment.findUniqueOrThrow({ where: { id: fixture.commitments.get(UNIT)! } });
    expect(unit.status).not.toBe('no_evidence');

    const again = await previewImport(prisma, bytes(updatesCsv(rows)), actor);
    expect(again).toMatchObject({ toImport: 0, alreadyImported: 100, problemCount: 0, newEvidence: 0 });
    const second = await importFollowUps(prisma, bytes(updatesCsv(rows)), actor);
    expect(second.imported).toBe(true);
    expect(await countsFor(ids)).toEqual(after);
  });
});

describe('every problem, by row and column', () => {
  it('reports each kind of problem where it is', async () => {
    const otherParty = await prisma.party.create({ data: { name: `India ${tag}`, kind: 'state' } });
    const file = updatesCsv([
      row({ agreement: 'No such agreement' }),
      row({ commitment: 'No such commitment' }),
      row({ party: `Nowhere ${tag}` }),
      row({ party: otherParty.name }),
      row({ status: 'done' }),
      row({ observed_on: '2025-02-30' }),
      row({ observed_on: '3000-01-01' }),
      row({ status: 'broken' }),
      row({ evidence_url: 'not a url', outlet: 'x' }),
      row({
        evidence_url: `https://news.example.com/${tag}/new`,
        credibility: '9',
        language: 'English!',
        title: '',
      }),
      row({ outlet: 'Dawn' }),
      row({ logged_at: 'yesterday' }),
    ]).replace(/\r\n$/, ',extra\r\n');
    const preview = await previewImport(prisma, bytes(file), actor);
    const found = preview.problems.map((problem) => [problem.row, problem.column]);
    expect(found).toEqual([
      [2, 'agreement'],
      [3, 'commitment'],
      [4, 'party'],
      [5, 'party'],
      [6, 'status'],
      [7, 'observed_on'],
      [8, 'observed_on'],
      [9, 'reason'],
      // An address that does not read does not hide the item's other problems (all columns at once).
      [10, 'evidence_url'],
      [10, 'credibility'],
      [10, 'evidence_type'],
      [10, 'language'],
      [10, 'title'],
      [11, 'outlet'],
      [11, 'credibility'],
      [11, 'evidence_type'],
      [11, 'language'],
      [11, 'title'],
      [12, 'evidence_url'],
      [13, null],
      [13, 'logged_at'],
    ]);
    expect(preview.problems[3].message).toContain('not a responsible party');
    expect(preview.problems[7].message).toContain('A reason is required for “Broken”');
    expect(preview.problems.find((problem) => problem.row === 13 && problem.column === null)?.message).toBe(
      `This row has ${UPDATE_COLUMNS.length + 1} cells; the header has ${UPDATE_COLUMNS.length}.`,
    );
    expect(preview.toImport).toBe(0);
  });

  it('reuses logged evidence found by normalised URL, and notes details that differ', async () => {
    const url = `https://news.example.com/${tag}/known`;
    const id = await createEvidence(prisma, { url, outlet: `Known ${tag}`, title: 'Known item' });
    const preview = await previewImport(
      prisma,
      bytes(
        updatesCsv([
          row({
            evidence_url: `HTTPS://NEWS.example.com/${tag}/known/?utm_campaign=z`,
            title: 'Another title',
            outlet: `known ${tag}`,
          }),
        ]),
      ),
      actor,
    );
    expect(preview).toMatchObject({ problemCount: 0, newEvidence: 0, toImport: 1 });
    expect(withoutStatusWarnings(preview.warnings)).toEqual([
      {
        row: 2,
        column: 'title',
        message: expect.stringContaining('already logged with other details (title)'),
      },
    ]);
    const done = await importFollowUps(
      prisma,
      bytes(updatesCsv([row({ evidence_url: `${url}/`, status: 'not_started' })])),
      actor,
    );
    expect(done.imported).toBe(true);
    if (!done.imported) return;
    const [update] = await prisma.statusUpdate.findMany({ where: { id: { in: done.updateIds } } });
    expect(update.evidenceId).toBe(id);
  });

  it('finds logged evidence by the article, not the address form: AMP, http and www. forms are one item', async () => {
    const id = await createEvidence(prisma, {
      url: `https://www.news.example.com/${tag}/one-article`,
      outlet: `Amp ${tag}`,
      title: 'One article',
    });
    const fresh = `https://news.example.com/${tag}/fresh-article`;
    const newItem = {
      outlet: `Amp ${tag}`,
      title: 'Fresh article',
      language: 'en',
      credibility: '2',
      evidence_type: 'concrete_action',
    };
    const file = bytes(
      updatesCsv([
        row({ evidence_url: `http://news.example.com/${tag}/one-article/amp`, status: 'not_started' }),
        row({ evidence_url: fresh, status: 'in_progress', observed_on: '2025-06-02', ...newItem }),
        row({
          evidence_url: `${fresh}?amp=1`,
          status: 'stalled',
          reason: 'slowed',
          observed_on: '2025-06-03',
          ...newItem,
        }),
      ]),
    );
    const preview = await previewImport(prisma, file, actor);
    expect(preview.problems).toEqual([]);
    expect(preview).toMatchObject({ problemCount: 0, newEvidence: 1, toImport: 3 });
    const done = await importFollowUps(prisma, file, actor);
    expect(done.imported).toBe(true);
    if (!done.imported) return;
    const updates = await prisma.statusUpdate.findMany({
      where: { id: { in: done.updateIds } },
      orderBy: { observedOn: 'asc' },
      select: { evidenceId: true, evidence: { select: { url: true } } },
    });
    expect(updates[0].evidenceId).toBe(id);
    expect(updates[1].evidenceId).toBe(updates[2].evidenceId);
    expect(updates[1].evidence?.url).toBe(fresh);
    expect(await prisma.evidence.count({ where: { url: { contains: `${tag}/fresh-article` } } })).toBe(1);
  });

  it('logs copied rows now, by the importer, keeping the file’s author and logged time as “originally”', async () => {
    const colleague = await createTestUser(prisma, 'analyst', { label: `colleague-${tag}` });
    const file = updatesCsv([
      row({
        status: 'stalled',
        reason: 'kept',
        logged_at: '2025-06-02T10:11:12.345Z',
        author: colleague.name,
        observed_on: '2025-06-02',
      }),
      row({
        status: 'stalled',
        reason: 'system',
        logged_at: '2025-06-03T00:00:00+05:00',
        author: '',
        observed_on: '2025-06-03',
      }),
      row({
        status: 'stalled',
        reason: 'stranger',
        logged_at: '2025-06-04T00:00:00Z',
        author: 'Nobody Here',
        observed_on: '2025-06-04',
      }),
    ]);
    const preview = await previewImport(prisma, bytes(file), actor);
    expect(preview).toMatchObject({ toImport: 3 });
    expect(withoutStatusWarnings(preview.warnings)).toEqual([]);
    const before = Date.now();
    const done = await importFollowUps(prisma, bytes(file), actor);
    expect(done.imported).toBe(true);
    if (!done.imported) return;
    const written = await prisma.statusUpdate.findMany({
      where: { id: { in: done.updateIds } },
      orderBy: { id: 'asc' },
    });
    expect(written.every((update) => update.authorId === actor.id)).toBe(true);
    expect(new Set(written.map((update) => update.createdAt.getTime())).size).toBe(1);
    expect(written[0].createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(
      written.map((update) => [update.originallyLoggedAt?.toISOString(), update.originallyLoggedBy]),
    ).toEqual([
      ['2025-06-02T10:11:12.345Z', colleague.name],
      ['2025-06-02T19:00:00.000Z', null],
      ['2025-06-04T00:00:00.000Z', 'Nobody Here'],
    ]);
    // Copied rows are recognised on re-import by their original logged time.
    expect(await previewImport(prisma, bytes(file), actor)).toMatchObject({
      toImport: 0,
      alreadyImported: 3,
    });
  });

  it('treats rows repeated within the file as one', async () => {
    const same = row({ status: 'not_started', observed_on: '2025-01-15', reason: 'twice' });
    const preview = await previewImport(prisma, bytes(updatesCsv([same, same])), actor);
    expect(preview).toMatchObject({ toImport: 1, duplicates: 1 });
    expect(withoutStatusWarnings(preview.warnings)[0]).toMatchObject({
      row: 3,
      message: expect.stringContaining('same as row 2'),
    });
  });
});

describe('the import action', () => {
  async function call(fields: Record<string, string | File>) {
    const { importFollowUpsCsv } = await import('../app/(app)/reports/import/actions.ts');
    const formData = new FormData();
    for (const [key, value] of Object.entries(fields)) formData.append(key, value);
    session.user = {
      id: actor.id,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      deactivatedAt: null,
    };
    try {
      return await importFollowUpsCsv(null, formData);
    } finally {
      session.user = null;
    }
  }

  it('refuses a file over the size limit, with the wrong columns, or not UTF-8, beside the file field', async () => {
    vi.stubEnv('PACTWATCH_IMPORT_MAX_BYTES', '200');
    try {
      const big = await call({
        intent: 'preview',
        file: new File(['x'.repeat(300)], 'big.csv', { type: 'text/csv' }),
      });
      expect(big).toMatchObject({
        ok: false,
        fieldErrors: { file: [expect.stringContaining('more than the 200 bytes')] },
      });
    } finally {
      vi.unstubAllEnvs();
    }
    const columns = await call({
      intent: 'preview',
      file: new File(['observed_on,status,notes\r\n2025-01-01,x,y\r\n'], 'a.csv'),
    });
    expect(columns).toMatchObject({ ok: false, message: expect.stringContaining('Missing: “logged_at”') });
    expect(columns.ok ? '' : columns.message).toContain('Not expected: “notes”');
    const latin1 = await call({
      intent: 'preview',
      file: new File([new Uint8Array([0x63, 0x61, 0x66, 0xe9])], 'l.csv'),
    });
    expect(latin1).toMatchObject({ ok: false, message: expect.stringContaining('not UTF-8') });
    const none = await call({ intent: 'preview', file: new File([], '') });
    expect(none).toMatchObject({
      ok: false,
      fieldErrors: { file: [expect.stringContaining('Choose a CSV file')] },
    });
  });

  it('previews, then imports only the file that was checked', async () => {
    const text = updatesCsv([
      row({ status: 'in_progress', observed_on: '2025-03-03', reason: 'action test' }),
    ]);
    const preview = await call({ intent: 'preview', file: new File([text], 'f.csv') });
    expect(preview).toMatchObject({ ok: true, outcome: 'preview', preview: { toImport: 1 } });
    if (!preview.ok) return;
    const other = await call({
      intent: 'import',
      digest: preview.digest,
      file: new File([`${text}\r\n`], 'f.csv'),
    });
    expect(other).toMatchObject({
      ok: false,
      message: expect.stringContaining('not the file that was checked'),
    });
    const done = await call({ intent: 'import', digest: preview.digest, file: new File([text], 'f.csv') });
    expect(done).toMatchObject({ ok: true, outcome: 'imported', message: 'Imported 1 row.' });
  });
});

describe('observed_precision', () => {
  it('reads month, year and undated facts; an empty cell or a file without the column is day', async () => {
    const rows = [
      row({ observed_on: '2025-05-31', observed_precision: 'month', reason: `month ${tag}` }),
      row({ observed_on: '2024-12-31', observed_precision: 'YEAR', reason: `year ${tag}` }),
      row({ observed_on: '2025-04-02', observed_precision: 'unknown', reason: `undated ${tag}` }),
      row({ observed_on: '2025-04-03', observed_precision: '', reason: `day ${tag}` }),
    ];
    const done = await importFollowUps(prisma, bytes(updatesCsv(rows)), actor);
    expect(done).toMatchObject({ imported: true });
    if (!done.imported) return;
    const written = await prisma.statusUpdate.findMany({
      where: { id: { in: done.updateIds } },
      orderBy: { id: 'asc' },
    });
    expect(written.map((u) => [u.observedPrecision, u.observedFrom.toISOString().slice(0, 10)])).toEqual([
      ['month', '2025-05-01'],
      ['year', '2024-01-01'],
      ['unknown', '0001-01-01'],
      ['day', '2025-04-03'],
    ]);
    // Importing the same rows again adds nothing: the precision is part of what makes a follow-up the same.
    expect(await previewImport(prisma, bytes(updatesCsv(rows)), actor)).toMatchObject({
      alreadyImported: 4,
      toImport: 0,
    });

    // A file exported before the column existed.
    const columns = UPDATE_COLUMNS.filter((column) => column !== 'observed_precision');
    const old = [
      columns.join(','),
      columns
        .map((column) =>
          column === 'reason' ? `old file ${tag}` : ((row() as Record<string, string>)[column] ?? ''),
        )
        .join(','),
    ].join('\r\n');
    const preview = await previewImport(prisma, bytes(old), actor);
    expect(preview).toMatchObject({ problemCount: 0, toImport: 1 });

    const bad = await previewImport(
      prisma,
      bytes(updatesCsv([row({ observed_precision: 'roughly', reason: `bad ${tag}` })])),
      actor,
    );
    expect(bad.problems).toEqual([
      {
        row: 2,
        column: 'observed_precision',
        message: 'Use one of day, month, year, unknown (or leave it empty for day).',
      },
    ]);
  });
});
