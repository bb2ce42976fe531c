// Export → import into an empty database → export again gives the same file, byte for byte, but for who logged
// each row and when: the person importing, at the import (the source's author and logged time are kept on each
// row as "originally logged by / at"). The empty database is a scratch schema holding only what the import needs
// to find: the same agreement, commitments, parties and users (no evidence, outlets or status updates). Hostile
// and multilingual cells go through the whole trip.
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/auth/credentials.ts';
import { COMMITMENT_COLUMNS, UPDATE_COLUMNS } from '../lib/csv/columns.ts';
import { importFollowUps, previewImport } from '../lib/csv/importer.ts';
import { csvReportResponse } from '../lib/csv/response.ts';
import { formatCsv } from '../lib/csv/stream.ts';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { migrate } from '../lib/migrations.ts';
import { testPrisma, unique } from './support/db.ts';
import {
  createCsvFixture,
  createEvidence,
  createUpdates,
  day,
  type CsvFixtureSpec,
} from './support/csv-fixtures.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';

const source = testPrisma();
let scratch: ScratchSchema | undefined;
let target: PrismaClient | undefined;

async function exportReport(
  client: PrismaClient,
  kind: 'updates' | 'commitments',
  agreementId: number,
  extra = '',
) {
  const response = await csvReportResponse(
    kind,
    new Request(`http://reports.test/reports/${kind}.csv?agreement=${agreementId}${extra}`),
    client,
    { staleAfterDays: 90 },
  );
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** commitments.csv without the dashboard links, whose ids differ between databases. */
function withoutLinks(bytes: Uint8Array): string[][] {
  const url = COMMITMENT_COLUMNS.indexOf('dashboard_url');
  return (parse(decode(bytes), { bom: true }) as string[][]).map((row) =>
    row.filter((_, index) => index !== url),
  );
}

const tag = unique('rt');
const AUTHOR = `Ayesha Khan ${tag}`;
const spec: CsvFixtureSpec = {
  agreementTitle: `=cmd|' /C calc'!A0 — 中巴安全合作 ${tag}`,
  categoryName: `Round trip ${tag}`,
  commitments: [
    {
      title: '+Special protection unit, Islamabad',
      responsible: [`Pakistan ${tag}`],
      beneficiary: [`China ${tag}`],
      dueOn: day('2025-09-01'),
    },
    { title: '@Joint rapid response "system"', responsible: [`Pakistan ${tag}`, `China ${tag}`] },
    { title: "'Quoted' training exchange", responsible: [`China ${tag}`] },
  ],
};

let sourceAgreement: number;
let exported: Uint8Array;
let exportedCommitments: Uint8Array;
let exportedWithBom: Uint8Array;

beforeAll(async () => {
  // The source: the shared test database, with an agreement of this test's own.
  const fixture = await createCsvFixture(source, spec);
  sourceAgreement = fixture.agreement.id;
  const author = await source.user.create({
    data: { id: newId(), name: AUTHOR, email: `${tag}@test.pactwatch.local`, role: 'analyst' },
  });
  const unit = fixture.commitments.get(spec.commitments[0].title)!;
  const response = fixture.commitments.get(spec.commitments[1].title)!;
  const training = fixture.commitments.get(spec.commitments[2].title)!;
  const pakistan = fixture.parties.get(`Pakistan ${tag}`)!;
  const china = fixture.parties.get(`China ${tag}`)!;
  const urdu = await createEvidence(source, {
    url: `https://urdu.example.pk/${tag}/خبر`,
    outlet: `-Jang ${tag}`,
    title: '=HYPERLINK("http://x","y")',
    originalTitle: 'چینی شہریوں کے تحفظ کے لیے خصوصی یونٹ',
    language: 'ur',
    reliability: 'C',
    credibility: 3,
    publishedOn: day('2025-06-01'),
  });
  const chinese = await createEvidence(source, {
    url: `https://news.example.cn/${tag}/2025/06/安全`,
    outlet: `新华社 ${tag}`,
    // Titles are stored trimmed (the follow-up form's rule, which the import applies too): tabs inside only.
    title: 'Tabbed\ttitle\twith "quotes", commas',
    originalTitle: '中巴同意建立联合快速反应机制 🚨🇨🇳🇵🇰',
    language: 'zh-Hans',
    reliability: 'A',
    credibility: 1,
    type: 'concrete_action',
    publishedOn: day('2025-06-05'),
  });
  const contradiction = await createEvidence(source, {
    url: `https://example.org/${tag}/contradiction?id=7`,
    outlet: `'Quoted outlet' ${tag}`,
    title: 'Line one\nline two\r\nline three',
    language: 'en-GB',
    reliability: 'F',
    credibility: 6,
    type: 'contradiction',
  });
  const at = (text: string) => new Date(text);
  const sameMoment = at('2025-06-05T12:00:00.500Z');
  await createUpdates(source, [
    {
      commitmentId: unit,
      status: 'in_progress',
      evidenceId: urdu,
      observedOn: day('2025-06-01'),
      createdAt: at('2025-06-01T07:30:00.001Z'),
      authorId: author.id,
    },
    // Two rows of one submit: same day, same logged time; their order is the order they were written.
    {
      commitmentId: response,
      partyId: pakistan,
      status: 'in_progress',
      evidenceId: chinese,
      observedOn: day('2025-06-05'),
      createdAt: sameMoment,
      authorId: author.id,
    },
    {
      commitmentId: response,
      partyId: china,
      status: 'partially_fulfilled',
      evidenceId: chinese,
      observedOn: day('2025-06-05'),
      createdAt: sameMoment,
      authorId: author.id,
    },
    {
      commitmentId: unit,
      status: 'stalled',
      reason: '=1+1 "budget", frozen\nuntil +July\t@finance',
      observedOn: day('2025-06-10'),
      createdAt: at('2025-06-11T00:00:00Z'),
    },
    {
      commitmentId: training,
      status: 'broken',
      reason: "'Cancelled' — منسوخ — 取消 😞",
      evidenceId: contradiction,
      observedOn: day('2025-06-12'),
      createdAt: at('2025-06-12T23:59:59.999Z'),
      authorId: author.id,
    },
    // Back-dated: logged last, observed before the stalled row.
    {
      commitmentId: unit,
      status: 'not_started',
      reason: '-',
      evidenceId: urdu,
      observedOn: day('2025-06-03'),
      createdAt: at('2025-06-20T10:00:00Z'),
      authorId: author.id,
    },
  ]);
  exported = await exportReport(source, 'updates', sourceAgreement);
  exportedCommitments = await exportReport(source, 'commitments', sourceAgreement);
  exportedWithBom = await exportReport(source, 'updates', sourceAgreement, '&bom=1');

  // The target: an empty database with only the records the import identifies rows by.
  scratch = await createScratchSchema('csvrt', { connectable: true });
  await migrate(scratch.url);
  target = new PrismaClient({
    adapter: new PrismaPg({ connectionString: scratch.url, max: 2 }, { schema: scratch.name }),
  });
}, 120_000);

afterAll(async () => {
  await target?.$disconnect();
  await scratch?.drop();
  await source.$disconnect();
});

const AUTHOR_CELL = UPDATE_COLUMNS.indexOf('author');
const LOGGED_CELL = UPDATE_COLUMNS.indexOf('logged_at');

describe('export → import into an empty database → export', () => {
  it('gives the same file but for author and logged time, and a second import adds nothing', async () => {
    const db = target!;
    const fixture = await createCsvFixture(db, spec);
    await db.user.create({
      data: { id: newId(), name: AUTHOR, email: `${tag}@test.pactwatch.local`, role: 'analyst' },
    });
    const importer = await db.user.create({
      data: { id: newId(), name: 'Importer', email: `importer-${tag}@test.pactwatch.local`, role: 'analyst' },
    });
    expect(await db.statusUpdate.count()).toBe(0);

    const text = decode(exported);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain(`'-Jang`);
    expect(text).toContain(`,''Quoted' training exchange,`);

    const outcome = await importFollowUps(db, exported, importer);
    expect(outcome.preview.problems).toEqual([]);
    expect(outcome).toMatchObject({ imported: true, preview: { toImport: 6, newEvidence: 3 } });
    expect(outcome.preview.newOutlets).toHaveLength(3);

    // Every row is the importer's, logged at the import; the source's author and time are its "originally".
    const [header, ...sourceRows] = parse(text, { bom: true }) as string[][];
    const written = await db.statusUpdate.findMany({ orderBy: { id: 'asc' } });
    const importedAt = written[0].createdAt;
    expect(written.every((update) => update.authorId === importer.id)).toBe(true);
    expect(written.every((update) => update.createdAt.getTime() === importedAt.getTime())).toBe(true);
    expect(
      written.map((update) => [update.originallyLoggedBy ?? '', update.originallyLoggedAt?.toISOString()]),
    ).toEqual(sourceRows.map((row) => [row[AUTHOR_CELL], row[LOGGED_CELL]]));

    const again = await exportReport(db, 'updates', fixture.agreement.id);
    const expected = formatCsv(
      sourceRows.map((row) =>
        row.map((cell, index) =>
          index === AUTHOR_CELL ? importer.name : index === LOGGED_CELL ? importedAt.toISOString() : cell,
        ),
      ),
      header,
      true,
    );
    expect(decode(again)).toBe(expected);
    expect(again).toEqual(new TextEncoder().encode(expected));

    // This database's own export is recognised as well (by the rows' own logged time).
    expect(await previewImport(db, again, importer)).toMatchObject({
      toImport: 0,
      alreadyImported: 6,
      problemCount: 0,
    });

    // The commitments report agrees too (but for the links, whose ids differ).
    expect(withoutLinks(await exportReport(db, 'commitments', fixture.agreement.id))).toEqual(
      withoutLinks(exportedCommitments),
    );

    // A BOM from Excel is fine, and nothing is imported twice.
    const withBom = exportedWithBom;
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await previewImport(db, withBom, importer)).toMatchObject({
      toImport: 0,
      alreadyImported: 6,
      problemCount: 0,
    });
    const second = await importFollowUps(db, withBom, importer);
    expect(second).toMatchObject({ imported: true, preview: { toImport: 0 } });
    expect(await db.statusUpdate.count()).toBe(6);
    expect(await db.auditEvent.count({ where: { actorId: importer.id, action: 'import' } })).toBe(6);
  });
});
