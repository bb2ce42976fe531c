// The two reports against real data: columns, order, previous statuses, the injection guard on hostile and
// multilingual cells, as-of on the boundary day, the flags of the dashboards, filters, paging and HTTP headers.
// Every test reads only its own agreement (unique title), since the test database is shared.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionFlags } from '../lib/domain/attention.ts';
import { formatDay, toDay, today, type DatePrecision } from '../lib/domain/dates.ts';
import {
  currentStatus,
  requiresReason,
  sortUpdates,
  STATUSES,
  updatesForParty,
} from '../lib/domain/status.ts';
import type { StatusUpdateKind } from '../lib/generated/prisma/enums.ts';
import { restoreCell } from '../lib/csv/cells.ts';
import { refreshStatusCache } from '../lib/data/status-cache.ts';
import { COMMITMENT_COLUMNS, UPDATE_COLUMNS } from '../lib/csv/columns.ts';
import { commitmentReportRows, countCommitmentReport } from '../lib/csv/commitments-report.ts';
import type { ReportFilters } from '../lib/csv/filters.ts';
import { csvReportResponse } from '../lib/csv/response.ts';
import { countUpdateReport, updateReportRows } from '../lib/csv/updates-report.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import {
  createCsvFixture,
  createEvidence,
  createUpdates,
  day,
  type CsvFixture,
} from './support/csv-fixtures.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();

const HOSTILE_TITLE = '=HYPERLINK("http://x","y")';
const HOSTILE_REASON = '-Budget "frozen"\nsee notes\tend, finally';
const URDU = 'پاکستان میں چینی شہریوں کے لیے خصوصی حفاظتی یونٹ';
const CHINESE = '中方承诺加强合作 🎉🤝';

let fixture: CsvFixture;
let author: { id: string; name: string };
let evidenceUrls: string[];

async function readReport(
  kind: 'commitments' | 'updates',
  query: string,
): Promise<{ response: Response; text: string; rows: string[][] }> {
  const response = await csvReportResponse(
    kind,
    new Request(`http://reports.test/reports/${kind}.csv?${query}`),
    prisma,
    {
      publicUrl: 'https://pactwatch.example.org',
      staleAfterDays: 90,
    },
  );
  // Decoded keeping a BOM, if any (Response.text() would drop it).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  const rows = response.ok ? (parse(text, { bom: true }) as string[][]) : [];
  return { response, text, rows };
}

function byColumn<C extends string>(columns: readonly C[], row: string[]): Record<C, string> {
  return Object.fromEntries(columns.map((column, index) => [column, restoreCell(row[index])])) as Record<
    C,
    string
  >;
}

beforeAll(async () => {
  const tag = unique('x');
  author = await createTestUser(prisma, 'analyst', { label: 'csv-author' });
  fixture = await createCsvFixture(prisma, {
    commitments: [
      {
        title: 'Protection unit in Islamabad',
        responsible: [`Pakistan ${tag}`],
        beneficiary: [`China ${tag}`],
        dueOn: day('2025-03-01'),
      },
      { title: HOSTILE_TITLE, responsible: [`Pakistan ${tag}`, `China ${tag}`] },
      { title: 'No news yet', responsible: [`China ${tag}`] },
    ],
  });
  evidenceUrls = [`https://news.example.com/${tag}/unit`, `https://news.example.com/${tag}/zh`];
  const urdu = await createEvidence(prisma, {
    url: evidenceUrls[0],
    outlet: `Dawn ${tag}`,
    title: '+Unit "ready" in Islamabad',
    originalTitle: URDU,
    language: 'ur',
    reliability: 'B',
    credibility: 2,
    publishedOn: day('2025-06-10'),
  });
  const chinese = await createEvidence(prisma, {
    url: evidenceUrls[1],
    outlet: `@Xinhua ${tag}`,
    title: 'China pledges',
    originalTitle: CHINESE,
    language: 'zh',
    reliability: 'E',
    credibility: 5,
    type: 'contradiction',
    publishedOn: day('2025-06-20'),
  });
  const c1 = fixture.commitments.get('Protection unit in Islamabad')!;
  const c2 = fixture.commitments.get(HOSTILE_TITLE)!;
  const pakistan = fixture.parties.get(`Pakistan ${tag}`)!;
  const china = fixture.parties.get(`China ${tag}`)!;
  const at = (text: string) => new Date(text);
  await createUpdates(prisma, [
    {
      commitmentId: c1,
      status: 'in_progress',
      evidenceId: urdu,
      observedOn: day('2025-06-10'),
      createdAt: at('2025-06-10T08:00:00.123Z'),
      authorId: author.id,
    },
    {
      commitmentId: c1,
      status: 'stalled',
      reason: HOSTILE_REASON,
      observedOn: day('2025-06-15'),
      createdAt: at('2025-06-15T09:00:00Z'),
      authorId: author.id,
    },
    {
      commitmentId: c1,
      status: 'fulfilled',
      evidenceId: urdu,
      observedOn: day('2025-06-16'),
      createdAt: at('2025-06-16T09:00:00Z'),
    },
    {
      commitmentId: c2,
      partyId: china,
      status: 'not_started',
      observedOn: day('2025-06-12'),
      createdAt: at('2025-06-12T10:00:00Z'),
      authorId: author.id,
    },
    {
      commitmentId: c2,
      partyId: pakistan,
      status: 'partially_fulfilled',
      evidenceId: chinese,
      observedOn: day('2025-06-20'),
      createdAt: at('2025-06-20T10:00:00Z'),
      authorId: author.id,
    },
    // Logged before the row above but observed later: the report follows the day the fact held.
    {
      commitmentId: c2,
      status: 'in_progress',
      evidenceId: chinese,
      observedOn: day('2025-06-21'),
      createdAt: at('2025-06-02T10:00:00Z'),
      authorId: author.id,
    },
  ]);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('updates.csv', () => {
  it('has the stable header, one row per update oldest news first, and the previous status of each', async () => {
    const { response, rows } = await readReport('updates', `agreement=${fixture.agreement.id}`);
    expect(response.status).toBe(200);
    expect(rows[0]).toEqual([...UPDATE_COLUMNS]);
    const records = rows.slice(1).map((row) => byColumn(UPDATE_COLUMNS, row));
    expect(records.map((r) => [r.observed_on, r.commitment, r.party, r.status, r.previous_status])).toEqual([
      ['2025-06-10', 'Protection unit in Islamabad', '', 'in_progress', 'no_evidence'],
      ['2025-06-12', HOSTILE_TITLE, expect.stringMatching(/^China /), 'not_started', 'no_evidence'],
      ['2025-06-15', 'Protection unit in Islamabad', '', 'stalled', 'in_progress'],
      ['2025-06-16', 'Protection unit in Islamabad', '', 'fulfilled', 'stalled'],
      // Pakistan's own status before: nothing on the whole commitment, nothing on Pakistan (China's does not count).
      [
        '2025-06-20',
        HOSTILE_TITLE,
        expect.stringMatching(/^Pakistan /),
        'partially_fulfilled',
        'no_evidence',
      ],
      // The whole commitment's status before: the newest update of any party.
      ['2025-06-21', HOSTILE_TITLE, '', 'in_progress', 'partially_fulfilled'],
    ]);
    expect(records[0]).toMatchObject({
      logged_at: '2025-06-10T08:00:00.123Z',
      author: author.name,
      agreement: fixture.agreement.title,
      evidence_url: evidenceUrls[0],
      reliability: 'B',
      credibility: '2',
      evidence_type: 'announcement',
      language: 'ur',
      title: '+Unit "ready" in Islamabad',
      original_title: URDU,
    });
    expect(records[3].author).toBe('');
    expect(records[2]).toMatchObject({
      reason: HOSTILE_REASON,
      evidence_url: '',
      outlet: '',
      credibility: '',
    });
    expect(records[4]).toMatchObject({ original_title: CHINESE, outlet: expect.stringMatching(/^@Xinhua /) });
  });

  it('neutralises formula-like cells in the file itself, and quotes as RFC 4180 says', async () => {
    const { text } = await readReport('updates', `agreement=${fixture.agreement.id}`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain(`"'-Budget ""frozen""\nsee notes\tend, finally"`);
    expect(text).toContain(`"'+Unit ""ready"" in Islamabad"`);
    expect(text).toContain(`'@Xinhua`);
    expect(text).toContain(URDU);
    expect(text).toContain(CHINESE);
    // No cell of the file starts with a formula character once parsed.
    for (const row of parse(text) as string[][])
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(UPDATE_COLUMNS.join(','));
  });

  it('as of a day includes updates observed on that day and not the day after', async () => {
    const onDay = await readReport('updates', `agreement=${fixture.agreement.id}&asOf=2025-06-15`);
    expect(onDay.rows.slice(1).map((row) => row[0])).toEqual(['2025-06-10', '2025-06-12', '2025-06-15']);
    const before = await readReport('updates', `agreement=${fixture.agreement.id}&asOf=2025-06-14`);
    expect(before.rows.slice(1).map((row) => row[0])).toEqual(['2025-06-10', '2025-06-12']);
  });

  it('keeps previous statuses right when `from` leaves earlier updates out, and filters by status and party', async () => {
    const from = await readReport('updates', `agreement=${fixture.agreement.id}&from=2025-06-15`);
    expect(from.rows.slice(1).map((row) => [row[0], row[6], row[7]])).toEqual([
      ['2025-06-15', 'stalled', 'in_progress'],
      ['2025-06-16', 'fulfilled', 'stalled'],
      ['2025-06-20', 'partially_fulfilled', 'no_evidence'],
      ['2025-06-21', 'in_progress', 'partially_fulfilled'],
    ]);
    const stalled = await readReport('updates', `agreement=${fixture.agreement.id}&status=stalled`);
    expect(stalled.rows.length).toBe(2);
    const china = fixture.parties.get([...fixture.parties.keys()].find((name) => name.startsWith('China'))!)!;
    const forChina = await readReport('updates', `agreement=${fixture.agreement.id}&party=${china}`);
    // Updates bearing on China: its own and those on a whole commitment it takes part in (not Pakistan's).
    expect(forChina.rows.slice(1).map((row) => row[0])).toEqual([
      '2025-06-10',
      '2025-06-12',
      '2025-06-15',
      '2025-06-16',
      '2025-06-21',
    ]);
    const filters: ReportFilters = { agreement: fixture.agreement.id, party: china };
    expect(await countUpdateReport(prisma, filters)).toBe(5);
  });

  it('reads in keyset batches: small batches give the same rows', async () => {
    const filters: ReportFilters = { agreement: fixture.agreement.id };
    const collect = async (batchSize: number) => {
      const rows: string[][] = [];
      for await (const batch of updateReportRows(prisma, filters, { batchSize })) rows.push(...batch);
      return rows;
    };
    expect(await collect(1)).toEqual(await collect(5000));
    expect((await collect(2)).length).toBe(6);
  });
});

describe('updates.csv written by PostgreSQL (COPY)', () => {
  const options = { publicUrl: 'https://pactwatch.example.org', staleAfterDays: 90 };
  const download = async (query: string, pool?: pg.Pool) => {
    const response = await csvReportResponse(
      'updates',
      new Request(`http://reports.test/reports/updates.csv?${query}`),
      prisma,
      { ...options, pool },
    );
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it('is byte for byte the file written row by row, for every filter', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      const china = fixture.parties.get(
        [...fixture.parties.keys()].find((name) => name.startsWith('China'))!,
      )!;
      const agreement = `agreement=${fixture.agreement.id}`;
      for (const query of [
        agreement,
        `${agreement}&bom=1`,
        `${agreement}&status=stalled`,
        `${agreement}&party=${china}`,
        `${agreement}&from=2025-06-13&to=2025-06-20`,
        `${agreement}&asOf=2025-06-15`,
        `${agreement}&from=2030-01-01`,
      ]) {
        const rowByRow = await download(query);
        expect((await download(query, pool)).toString('utf8'), query).toBe(rowByRow.toString('utf8'));
      }
      expect((await download(agreement)).toString('utf8').split('\r\n').length).toBeGreaterThan(5);
    } finally {
      await pool.end();
    }
  });

  it('writes the kind, row evidence type, adoption, withdrawal and correction of each row, in both paths', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      const tag = unique('kinds');
      const own = await createCsvFixture(prisma, {
        parties: [`A ${tag}`],
        commitments: [{ title: `Kinds ${tag}`, responsible: [`A ${tag}`] }],
      });
      const commitmentId = [...own.commitments.values()][0];
      const evidenceId = await createEvidence(prisma, {
        url: `https://news.example.com/${tag}`,
        outlet: `Outlet ${tag}`,
        title: 'Item',
        type: 'announcement',
      });
      const withdrawer = await createTestUser(prisma, 'analyst', { label: 'withdrawer' });
      const base = { commitmentId, createdAt: new Date('2025-04-01T09:00:00Z') };
      const wrong = await prisma.statusUpdate.create({
        data: {
          ...base,
          status: 'fulfilled',
          observedOn: day('2025-04-01'),
          evidenceId,
          withdrawnAt: new Date('2025-04-03T10:00:00.250Z'),
          withdrawnById: withdrawer.id,
          withdrawnReason: '=Wrong commitment',
        },
      });
      const correction = await prisma.statusUpdate.create({
        data: {
          ...base,
          status: 'in_progress',
          observedOn: day('2025-04-02'),
          evidenceId,
          evidenceType: 'concrete_action',
          adoptsProposal: true,
          supersedesId: wrong.id,
        },
      });
      await prisma.statusUpdate.create({
        data: {
          ...base,
          status: 'in_progress',
          observedOn: day('2025-04-03'),
          evidenceId,
          kind: 'corroboration',
        },
      });
      await prisma.$transaction((tx) => refreshStatusCache(tx, [commitmentId]));
      const query = `agreement=${own.agreement.id}`;
      const rowByRow = (await download(query)).toString('utf8');
      expect((await download(query, pool)).toString('utf8')).toBe(rowByRow);
      const rows = (parse(rowByRow, { bom: true }) as string[][])
        .slice(1)
        .map((row) => byColumn(UPDATE_COLUMNS, row));
      const pick = (r: Record<(typeof UPDATE_COLUMNS)[number], string>) => [
        r.status,
        r.previous_status,
        r.kind,
        r.evidence_type,
        r.row_evidence_type,
        r.adopts_proposal,
        r.withdrawn_at,
        r.withdrawn_by,
        r.withdrawn_reason,
        r.corrected_by_update_id,
      ];
      expect(rows.map(pick)).toEqual([
        [
          'fulfilled',
          'no_evidence',
          'assessment',
          'announcement',
          '',
          'false',
          '2025-04-03T10:00:00.250Z',
          withdrawer.name,
          '=Wrong commitment',
          String(correction.id),
        ],
        // The withdrawn row does not count: the correction's previous status is still no_evidence.
        [
          'in_progress',
          'no_evidence',
          'assessment',
          'announcement',
          'concrete_action',
          'true',
          '',
          '',
          '',
          '',
        ],
        ['in_progress', 'in_progress', 'corroboration', 'announcement', '', 'false', '', '', '', ''],
      ]);
    } finally {
      await pool.end();
    }
  });

  it('works out the previous status as the app does, for random histories', async () => {
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    // Every status an update can record (no_evidence is only where nothing was logged yet).
    const statuses = STATUSES.filter((status) => status !== 'no_evidence');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              commitment: fc.integer({ min: 0, max: 1 }),
              party: fc.integer({ min: 0, max: 2 }), // 0: the whole commitment
              status: fc.constantFrom(...statuses),
              day: fc.integer({ min: 1, max: 6 }),
              second: fc.integer({ min: 0, max: 3 }),
              precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year', 'unknown'),
              kind: fc.constantFrom<StatusUpdateKind>(
                'assessment',
                'assessment',
                'assessment',
                'corroboration',
                'context',
              ),
              withdrawn: fc.constantFrom(false, false, false, true),
            }),
            { minLength: 1, maxLength: 14 },
          ),
          async (history) => {
            const tag = unique('copy');
            const own = await createCsvFixture(prisma, {
              parties: [`A ${tag}`, `B ${tag}`],
              commitments: [
                { title: `One ${tag}`, responsible: [`A ${tag}`, `B ${tag}`] },
                { title: `Two ${tag}`, responsible: [`A ${tag}`, `B ${tag}`] },
              ],
            });
            const commitmentIds = [...own.commitments.values()];
            const partyIds = [null, own.parties.get(`A ${tag}`)!, own.parties.get(`B ${tag}`)!];
            await createUpdates(
              prisma,
              history.map((entry) => ({
                commitmentId: commitmentIds[entry.commitment],
                partyId: partyIds[entry.party],
                status: entry.status,
                reason: requiresReason(entry.status) ? 'A reason' : null,
                observedOn: day(`2025-03-0${entry.day}`),
                observedPrecision: entry.precision,
                createdAt: new Date(`2025-03-10T10:00:0${entry.second}Z`),
              })),
            );
            // Kinds and withdrawals, in insertion (id) order, as the fixture writes assessments only.
            const written = await prisma.statusUpdate.findMany({
              where: { commitmentId: { in: commitmentIds } },
              orderBy: { id: 'asc' },
              select: { id: true },
            });
            for (const [index, { id }] of written.entries()) {
              const entry = history[index];
              if (entry.kind === 'assessment' && !entry.withdrawn) continue;
              await prisma.statusUpdate.update({
                where: { id },
                data: {
                  kind: entry.kind,
                  withdrawnAt: entry.withdrawn ? new Date('2025-03-11T08:00:00.123Z') : null,
                  withdrawnReason: entry.withdrawn ? 'Retracted' : null,
                },
              });
            }
            // A writer that changes history refreshes the cache in the same transaction, as the app's do.
            await prisma.$transaction((tx) => refreshStatusCache(tx, commitmentIds));
            // Whole, and from a day that months and undated facts straddle (they sort before days before it).
            for (const query of [
              `agreement=${own.agreement.id}`,
              `agreement=${own.agreement.id}&from=2025-03-04`,
            ]) {
              expect((await download(query, pool)).toString('utf8')).toBe(
                (await download(query)).toString('utf8'),
              );
            }
            // The filtered file is the whole file's rows from that day, previous statuses included.
            const whole = parse((await download(`agreement=${own.agreement.id}`)).toString('utf8'), {
              bom: true,
            }) as string[][];
            const from = parse(
              (await download(`agreement=${own.agreement.id}&from=2025-03-04`)).toString('utf8'),
              { bom: true },
            ) as string[][];
            expect(from.slice(1)).toEqual(whole.slice(1).filter((row) => row[0] >= '2025-03-04'));
            // Each commitment's rows come in the order of the rules (compareUpdates), precision included, and each
            // previous status is what the rules say of the rows before it (counting rows only).
            const column = (name: (typeof UPDATE_COLUMNS)[number]) => UPDATE_COLUMNS.indexOf(name);
            for (const [title, id] of own.commitments) {
              const stored = sortUpdates(await prisma.statusUpdate.findMany({ where: { commitmentId: id } }));
              expect(
                whole
                  .slice(1)
                  .filter((row) => row[column('commitment')] === title)
                  .map((row) => [
                    row[column('observed_on')],
                    row[column('observed_precision')],
                    row[column('status')],
                    row[column('previous_status')],
                    row[column('kind')],
                    row[column('withdrawn_at')],
                  ]),
              ).toEqual(
                stored.map((u, index) => {
                  const before = stored.slice(0, index);
                  return [
                    formatDay(u.observedOn),
                    u.observedPrecision,
                    u.status,
                    currentStatus(u.partyId == null ? before : updatesForParty(before, u.partyId)),
                    u.kind,
                    u.withdrawnAt ? '2025-03-11T08:00:00.123Z' : '',
                  ];
                }),
              );
            }
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await pool.end();
    }
  });
});

describe('commitments.csv', () => {
  it('says what the dashboards say today: cached status, per-party status, evidence and flags', async () => {
    const { rows } = await readReport('commitments', `agreement=${fixture.agreement.id}`);
    expect(rows[0]).toEqual([...COMMITMENT_COLUMNS]);
    const records = rows.slice(1).map((row) => byColumn(COMMITMENT_COLUMNS, row));
    // Byte order of titles: "=" sorts before letters.
    expect(records.map((r) => r.commitment)).toEqual([
      HOSTILE_TITLE,
      'No news yet',
      'Protection unit in Islamabad',
    ]);
    const commitments = await prisma.commitment.findMany({
      where: { agreementId: fixture.agreement.id },
      include: { statusUpdates: { include: { evidence: true } } },
    });
    for (const record of records) {
      const commitment = commitments.find((c) => c.title === record.commitment)!;
      expect(record.status).toBe(commitment.status);
      expect(record.status_since).toBe(commitment.statusSince?.toISOString().slice(0, 10) ?? '');
      expect(record.last_evidence_on).toBe(commitment.lastEvidenceOn?.toISOString().slice(0, 10) ?? '');
      const flags = attentionFlags(
        {
          dueOn: commitment.dueOn,
          createdOn: toDay(commitment.createdAt),
          updates: commitment.statusUpdates,
        },
        { today: today(), staleAfterDays: 90 },
      );
      expect(record.attention_flags).toBe(flags.join('; '));
      expect(record.overdue).toBe(String(flags.includes('overdue')));
      expect(record.dashboard_url).toBe(`https://pactwatch.example.org/commitments/${commitment.id}`);
      expect(record.agreement).toBe(fixture.agreement.title);
      expect(record.agreement_date).toBe('2025-05-20');
    }
    const [hostile, none, unit] = records;
    expect(unit).toMatchObject({
      status: 'fulfilled',
      status_since: '2025-06-16',
      evidence_count: '1',
      latest_evidence_reliability: 'B',
      latest_evidence_credibility: '2',
      due_on: '2025-03-01',
      compliance_contribution: '1',
    });
    expect(unit.responsible_parties).toMatch(/^Pakistan /);
    expect(unit.beneficiary_parties).toMatch(/^China /);
    expect(hostile.party_statuses).toMatch(/^China .*: in_progress; Pakistan .*: in_progress$/);
    expect(hostile).toMatchObject({
      evidence_count: '1',
      latest_evidence_reliability: 'E',
      compliance_contribution: '0',
    });
    expect(hostile.attention_flags).toContain('contradicted');
    expect(none).toMatchObject({
      status: 'no_evidence',
      status_since: '',
      evidence_count: '0',
      compliance_contribution: '',
      days_since_last_evidence: '',
    });
  });

  it('as of a day: statuses from history up to it, evidence published by then, flags judged on it', async () => {
    const id = fixture.agreement.id;
    const onDay = await readReport('commitments', `agreement=${id}&asOf=2025-06-15`);
    const unit = byColumn(COMMITMENT_COLUMNS, onDay.rows[3]);
    expect(unit).toMatchObject({
      commitment: 'Protection unit in Islamabad',
      status: 'stalled',
      status_since: '2025-06-15',
      last_evidence_on: '2025-06-15',
      days_since_last_evidence: '0',
      evidence_count: '1',
      overdue: 'true',
      compliance_contribution: '-1',
    });
    expect(unit.attention_flags.split('; ')).toContain('overdue');
    const hostile = byColumn(COMMITMENT_COLUMNS, onDay.rows[1]);
    // Only China's update (observed 06-12) had happened; the Chinese item was published on 06-20.
    expect(hostile).toMatchObject({
      status: 'not_started',
      evidence_count: '0',
      latest_evidence_reliability: '',
    });
    expect(hostile.party_statuses).toMatch(/^China .*: not_started; Pakistan .*: no_evidence$/);

    const dayAfter = await readReport('commitments', `agreement=${id}&asOf=2025-06-16`);
    expect(byColumn(COMMITMENT_COLUMNS, dayAfter.rows[3])).toMatchObject({
      status: 'fulfilled',
      overdue: 'false',
    });
    expect(
      await countCommitmentReport(prisma, { agreement: id, asOf: day('2025-06-15'), status: 'stalled' }),
    ).toBe(1);
    expect(await countCommitmentReport(prisma, { agreement: id, status: 'fulfilled' })).toBe(1);
    const stalled = await readReport('commitments', `agreement=${id}&asOf=2025-06-15&status=stalled`);
    expect(stalled.rows.length).toBe(2);
  });

  it('reads in pages: a page of one gives the same rows', async () => {
    const filters: ReportFilters = { agreement: fixture.agreement.id };
    const collect = async (pageSize: number) => {
      const rows: string[][] = [];
      for await (const batch of commitmentReportRows(prisma, filters, { baseUrl: '', pageSize }))
        rows.push(...batch);
      return rows;
    };
    expect(await collect(1)).toEqual(await collect(500));
  });
});

describe('the HTTP answer', () => {
  it('names the file after the report, filters and day, never caches, and adds a BOM when asked', async () => {
    const { response, text } = await readReport(
      'commitments',
      `agreement=${fixture.agreement.id}&asOf=2025-06-15&bom=1`,
    );
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      /^attachment; filename="pactwatch-commitments_agreement-csv-agreement-[a-z0-9-]+_as-of-2025-06-15\.csv"; filename\*=UTF-8''/,
    );
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const plain = await readReport('commitments', `agreement=${fixture.agreement.id}&asOf=2025-06-15`);
    expect(plain.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain.text).toBe(text.slice(1));
  });

  it('gives the same bytes for the same URL on the same data', async () => {
    for (const kind of ['commitments', 'updates'] as const) {
      const first = await readReport(kind, `agreement=${fixture.agreement.id}`);
      const second = await readReport(kind, `agreement=${fixture.agreement.id}`);
      expect(second.text).toBe(first.text);
    }
  });

  it('refuses malformed filters with 400 and says which', async () => {
    const { response, text } = await readReport('updates', 'status=finished&asOf=2025-02-30');
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({
      error: 'invalid_filters',
      errors: { status: expect.any(String), asOf: expect.any(String) },
    });
  });
});
