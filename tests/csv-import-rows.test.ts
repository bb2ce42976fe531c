// The CSV import plans kind, row_evidence_type and adopts_proposal as the log-follow-up form does (issue "[3/9]"
// item 11), checks fact dates against the agreement's (item 4), reports every problem of every row at once
// (item 5), and skips rows withdrawn in the source, listing them in the dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFollowUps, previewImport } from '../lib/csv/importer.ts';
import type { UpdateColumn } from '../lib/csv/columns.ts';
import { testPrisma, unique } from './support/db.ts';
import { createCsvFixture, updatesCsv, type CsvFixture } from './support/csv-fixtures.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma = testPrisma();
const bytes = (text: string) => new TextEncoder().encode(text);
const UNIT = 'Protection unit';
const PROPOSAL = 'Joint research fund';

let fixture: CsvFixture;
let actor: TestUser;
let tag: string;

beforeAll(async () => {
  tag = unique('rows');
  actor = await createTestUser(prisma, 'analyst', { label: 'import-rows' });
  // The fixture's agreement was concluded on 20 May 2025.
  fixture = await createCsvFixture(prisma, {
    commitments: [
      { title: UNIT, responsible: [`Pakistan ${tag}`] },
      { title: PROPOSAL, responsible: [`Pakistan ${tag}`] },
    ],
  });
  await prisma.commitment.update({
    where: { id: fixture.commitments.get(PROPOSAL)! },
    data: { strength: 'proposal' },
  });
});

afterAll(async () => {
  await prisma.$disconnect();
});

function evidence(label: string, type = 'announcement'): Partial<Record<UpdateColumn, string>> {
  return {
    evidence_url: `https://news.example.com/${tag}/${label}`,
    outlet: `Outlet ${tag}`,
    credibility: '2',
    evidence_type: type,
    language: 'en',
    title: `Item ${label}`,
  };
}

function row(overrides: Partial<Record<UpdateColumn, string>> = {}): Partial<Record<UpdateColumn, string>> {
  return {
    observed_on: '2025-06-01',
    agreement: fixture.agreement.title,
    commitment: UNIT,
    status: 'in_progress',
    ...overrides,
  };
}

describe('kind, evidence type and adoption', () => {
  it('reports every problem of a row at once, with the form’s messages', async () => {
    const preview = await previewImport(
      prisma,
      bytes(
        updatesCsv([
          // A bad kind, a bad adoption cell and a fact before the agreement, all in one row.
          row({ kind: 'rumour', adopts_proposal: 'maybe', observed_on: '2025-05-19', ...evidence('a') }),
          // An adoption of a firm commitment, and a corroboration without evidence.
          row({ adopts_proposal: 'true', ...evidence('b') }),
          row({ kind: 'corroboration', status: '' }),
          // Context after the agreement.
          row({ kind: 'context', observed_on: '2025-06-01' }),
        ]),
      ),
      actor,
    );
    expect(preview.problems.map((issue) => [issue.row, issue.column])).toEqual([
      [2, 'kind'],
      [2, 'adopts_proposal'],
      [3, 'adopts_proposal'],
      [4, 'kind'],
      [5, 'kind'],
    ]);
    expect(preview.problems[2].message).toMatch(/Only a proposal can be adopted/);
    expect(preview.problems[3].message).toMatch(/give its evidence_url/);
    expect(preview.problems[4].message).toMatch(/after it was concluded/);

    // With the kind and adoption fixed, the date is reported too (no rounds: it is checked once the row reads).
    const dated = await previewImport(
      prisma,
      bytes(updatesCsv([row({ observed_on: '2025-05-19', ...evidence('a') })])),
      actor,
    );
    // A URL that does not read does not hide the item's other problems.
    const item = await previewImport(
      prisma,
      bytes(updatesCsv([row({ ...evidence('z'), evidence_url: 'not a url', title: '', credibility: '9' })])),
      actor,
    );
    expect(item.problems.map((issue) => issue.column)).toEqual(['evidence_url', 'credibility', 'title']);

    expect(dated.problems).toEqual([
      { row: 2, column: 'observed_on', message: expect.stringMatching(/before the agreement was concluded/) },
    ]);
  });

  it('plans context, adoption and rows withdrawn in the source; a corroboration needs a stored status', async () => {
    const nothing = await previewImport(
      prisma,
      bytes(updatesCsv([row({ kind: 'corroboration', status: '', ...evidence('c') })])),
      actor,
    );
    expect(nothing.problems.map((issue) => issue.message)).toEqual([
      expect.stringMatching(/Nothing to corroborate yet/),
    ]);

    const file = updatesCsv([
      row({ kind: 'context', status: 'not_started', observed_on: '2019-01-10', ...evidence('old') }),
      row({ status: 'in_progress', observed_on: '2025-06-01', ...evidence('d', 'concrete_action') }),
      row({ commitment: PROPOSAL, adopts_proposal: 'true', status: 'not_started', ...evidence('f') }),
      row({ withdrawn_at: '2025-07-01T10:00:00.000Z', status: 'broken', reason: 'Retracted' }),
    ]);
    const preview = await previewImport(prisma, bytes(file), actor);
    expect(preview).toMatchObject({ problemCount: 0, toImport: 3, withdrawn: 1 });
    expect(preview.warnings.map((issue) => [issue.row, issue.column, issue.message])).toEqual(
      expect.arrayContaining([
        [2, 'observed_on', expect.stringMatching(/more than 5 years before the agreement/)],
        [5, 'withdrawn_at', expect.stringMatching(/Withdrawn in the source/)],
      ]),
    );
    expect(preview.planned.map((planned) => [planned.row, planned.kind, planned.status])).toEqual([
      [2, 'context', 'not_started'],
      [3, 'assessment', 'in_progress'],
      [4, 'assessment', 'not_started'],
    ]);
  });

  it('writes the kinds, stores the item’s own type as empty, and skips the same file the second time', async () => {
    const unit = fixture.commitments.get(UNIT)!;
    const proposal = fixture.commitments.get(PROPOSAL)!;
    // Something to corroborate.
    const first = await importFollowUps(
      prisma,
      bytes(updatesCsv([row({ status: 'in_progress', observed_on: '2025-06-02', ...evidence('g') })])),
      actor,
    );
    expect(first.imported).toBe(true);
    const file = updatesCsv([
      row({
        kind: 'corroboration',
        status: '',
        observed_on: '2025-06-12',
        row_evidence_type: 'Concrete action',
        ...evidence('h', 'concrete_action'),
      }),
      row({
        kind: 'corroboration',
        status: '',
        observed_on: '2025-06-13',
        row_evidence_type: 'contradiction',
        ...evidence('i'),
      }),
      row({ commitment: PROPOSAL, adopts_proposal: 'yes', status: 'not_started', ...evidence('j') }),
      row({ kind: 'context', status: 'not_started', observed_on: '2024-01-01', ...evidence('k') }),
    ]);
    const done = await importFollowUps(prisma, bytes(file), actor);
    expect(done.imported).toBe(true);
    const rows = await prisma.statusUpdate.findMany({
      where: { commitmentId: { in: [unit, proposal] }, evidence: { url: { contains: `${tag}/` } } },
      select: {
        kind: true,
        status: true,
        evidenceType: true,
        adoptsProposal: true,
        evidence: { select: { url: true } },
      },
      orderBy: { id: 'asc' },
    });
    const byLabel = new Map(rows.map((r) => [r.evidence!.url.split('/').at(-1), r]));
    expect(byLabel.get('h')).toMatchObject({
      kind: 'corroboration',
      status: 'in_progress',
      evidenceType: null,
    });
    expect(byLabel.get('i')).toMatchObject({ kind: 'corroboration', evidenceType: 'contradiction' });
    expect(byLabel.get('j')).toMatchObject({ kind: 'assessment', adoptsProposal: true });
    expect(byLabel.get('k')).toMatchObject({ kind: 'context' });
    // Context and corroboration never move the status.
    const cached = await prisma.commitment.findUniqueOrThrow({ where: { id: unit } });
    expect(cached.status).toBe('in_progress');

    // The same rows again are already imported (the kind and evidence type are part of what makes them the same).
    const again = await previewImport(prisma, bytes(file), actor);
    expect(again).toMatchObject({ toImport: 0, alreadyImported: 4 });
    // An assessment with the same cells as a corroboration is another follow-up.
    const other = await previewImport(
      prisma,
      bytes(
        updatesCsv([
          row({ status: 'in_progress', observed_on: '2025-06-12', ...evidence('h', 'concrete_action') }),
        ]),
      ),
      actor,
    );
    expect(other).toMatchObject({ toImport: 1, alreadyImported: 0 });
  });
});
