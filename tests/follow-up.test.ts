// logFollowUp (lib/data/evidence.ts) against a real database: one item bearing on several commitments, a URL
// logged twice, an inline outlet, and refusals that must leave nothing behind. The input goes through the same
// schema the form and the action use, so these tests also pin what the form's fields turn into.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { findEvidenceByUrl, logFollowUp } from '../lib/data/evidence.ts';
import { addDays, formatDay, parseDay, today } from '../lib/domain/dates.ts';
import { AppError } from '../lib/errors.ts';
import { logFollowUpSchema, type LogFollowUpInput } from '../lib/validation/follow-up.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma = testPrisma();
let analyst: TestUser;
let outletId: number;
let partyA: number;
let partyB: number;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst');
  const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'C' } });
  outletId = outlet.id;
  partyA = (await prisma.party.create({ data: { name: unique('Party A'), kind: 'ministry' } })).id;
  partyB = (await prisma.party.create({ data: { name: unique('Party B'), kind: 'ministry' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** An agreement with `count` commitments, each with partyA and partyB responsible. */
async function makeCommitments(count: number): Promise<number[]> {
  const category = await prisma.category.create({ data: { slug: unique('cat'), name: unique('Category') } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const commitment = await prisma.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title: unique(`Commitment ${i + 1}`),
        parties: {
          create: [
            { partyId: partyA, role: 'responsible' },
            { partyId: partyB, role: 'responsible' },
          ],
        },
      },
    });
    ids.push(commitment.id);
  }
  return ids;
}

function parse(fields: Record<string, string>): LogFollowUpInput {
  const result = logFollowUpSchema.safeParse(fields);
  if (!result.success) throw new Error(`invalid form: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

function itemFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    url: `https://news.example.com/${unique('story')}`,
    outlet: String(outletId),
    title: 'Protection unit begins operations',
    originalTitle: '',
    language: 'en',
    publishedOn: '2026-03-10',
    excerpt: 'The unit began operating on Monday.',
    reliability: '',
    credibility: '2',
    type: 'concrete_action',
    ...overrides,
  };
}

/**
 * What a follow-up could have written, scoped to this test's rows (other test files may write at the same
 * time): items under `url`, updates on `commitmentIds`, and every audit event of this file's analyst (which
 * covers inline outlets too).
 */
async function counts(url: string, commitmentIds: number[]) {
  const [evidence, updates, audits] = await Promise.all([
    prisma.evidence.count({ where: { url } }),
    prisma.statusUpdate.count({ where: { commitmentId: { in: commitmentIds } } }),
    prisma.auditEvent.count({ where: { actorId: analyst.id } }),
  ]);
  return { evidence, updates, audits };
}

describe('logFollowUp', () => {
  it('logs one item against two commitments: both caches change, one audit event per row and for the item', async () => {
    const [first, second] = await makeCommitments(2);
    const auditsBefore = await prisma.auditEvent.count({ where: { actorId: analyst.id } });
    const input = parse({
      ...itemFields(),
      'rows.0.commitmentId': String(first),
      'rows.0.status': 'fulfilled',
      'rows.0.observedOn': '',
      'rows.1.commitmentId': String(second),
      'rows.1.status': 'stalled',
      'rows.1.partyId': String(partyB),
      'rows.1.observedOn': '2026-03-01',
      'rows.1.reason': 'Funding frozen, the ministry says.',
    });

    const result = await logFollowUp(input, analyst.id, prisma);

    expect(result.reused).toBe(false);
    expect(result.commitmentIds).toEqual([first, second]);
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { id: result.evidence.id } });
    // Reliability left empty: the outlet's default. The excerpt's hash is kept.
    expect(evidence).toMatchObject({
      reliability: 'C',
      credibility: 2,
      type: 'concrete_action',
      language: 'en',
    });
    expect(evidence.excerptHash).toMatch(/^[0-9a-f]{64}$/);

    const [a, b] = await Promise.all(
      [first, second].map((id) =>
        prisma.commitment.findUniqueOrThrow({ where: { id }, include: { partyStatuses: true } }),
      ),
    );
    // The first row's fact date defaulted to the published date.
    expect(a.status).toBe('fulfilled');
    expect(formatDay(a.statusSince!)).toBe('2026-03-10');
    expect(b.status).toBe('stalled');
    expect(formatDay(b.statusSince!)).toBe('2026-03-01');
    // The second row assessed party B only: A has no evidence, B is stalled.
    expect(b.partyStatuses.map((row) => [row.partyId, row.status])).toEqual([[partyB, 'stalled']]);

    const updates = await prisma.statusUpdate.findMany({
      where: { id: { in: result.updateIds } },
      orderBy: { id: 'asc' },
    });
    expect(updates.map((row) => [row.commitmentId, row.evidenceId, row.authorId])).toEqual([
      [first, evidence.id, analyst.id],
      [second, evidence.id, analyst.id],
    ]);
    const audits = await prisma.auditEvent.findMany({
      where: { actorId: analyst.id },
      orderBy: { id: 'asc' },
      skip: auditsBefore,
    });
    expect(audits.map((event) => `${event.entityType}:${event.entityId}`).sort()).toEqual(
      [`Evidence:${evidence.id}`, ...updates.map((row) => `StatusUpdate:${row.id}`)].sort(),
    );
  });

  it('reuses the item when its URL is logged again, however the address is written', async () => {
    const [first, second] = await makeCommitments(2);
    const path = unique('repeat');
    const one = await logFollowUp(
      parse({
        ...itemFields({ url: `https://news.example.com/${path}?utm_source=x` }),
        'rows.0.commitmentId': String(first),
        'rows.0.status': 'in_progress',
      }),
      analyst.id,
      prisma,
    );
    const canonical = `https://news.example.com/${path}`;
    const before = await counts(canonical, [first, second]);

    // Upper-case host, a trailing slash and tracking parameters: the same article.
    const two = await logFollowUp(
      parse({
        ...itemFields({
          url: `HTTPS://NEWS.EXAMPLE.COM/${path}/?fbclid=abc`,
          title: 'A different title typed the second time',
          credibility: '5',
        }),
        'rows.0.commitmentId': String(second),
        'rows.0.status': 'not_started',
      }),
      analyst.id,
      prisma,
    );

    expect(two.reused).toBe(true);
    expect(two.evidence.id).toBe(one.evidence.id);
    const after = await counts(canonical, [first, second]);
    expect(after.evidence).toBe(1);
    expect(before.evidence).toBe(1);
    expect(after.updates - before.updates).toBe(1);
    // The item is kept as first logged.
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { id: one.evidence.id } });
    expect(evidence).toMatchObject({ title: 'Protection unit begins operations', credibility: 2 });
    expect(evidence.url).toBe(`https://news.example.com/${path}`);
    expect((await findEvidenceByUrl(`https://news.example.com/${path}#comments`, prisma))?.id).toBe(
      evidence.id,
    );
    // The reused item's published date is the default fact date.
    const update = await prisma.statusUpdate.findUniqueOrThrow({ where: { id: two.updateIds[0] } });
    expect(formatDay(update.observedOn)).toBe('2026-03-10');
  });

  it('cites an item the form found already logged, sending only its id', async () => {
    const [first, second] = await makeCommitments(2);
    const url = `https://news.example.com/${unique('found')}`;
    const one = await logFollowUp(
      parse({ ...itemFields({ url }), 'rows.0.commitmentId': String(first), 'rows.0.status': 'in_progress' }),
      analyst.id,
      prisma,
    );
    const input = parse({
      url,
      existingEvidenceId: String(one.evidence.id),
      'rows.0.commitmentId': String(second),
      'rows.0.status': 'partially_fulfilled',
      'rows.0.observedOn': '2026-04-02',
    });
    expect(input.item).toEqual({ kind: 'existing', evidenceId: one.evidence.id });
    const two = await logFollowUp(input, analyst.id, prisma);
    expect(two).toMatchObject({ reused: true, evidence: { id: one.evidence.id } });
  });

  it('creates an outlet inline, audited, and the item takes its reliability unless overridden', async () => {
    const [commitment] = await makeCommitments(1);
    const name = unique('Daily Inline');
    const result = await logFollowUp(
      parse({
        ...itemFields({ outlet: 'new', newOutletName: name, newOutletReliability: 'E', reliability: '' }),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'in_progress',
      }),
      analyst.id,
      prisma,
    );
    const outlet = await prisma.outlet.findUniqueOrThrow({ where: { name } });
    expect(outlet.defaultReliability).toBe('E');
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { id: result.evidence.id } });
    expect(evidence).toMatchObject({ outletId: outlet.id, reliability: 'E' });
    expect(
      await prisma.auditEvent.count({
        where: { entityType: 'Outlet', entityId: String(outlet.id), action: 'create', actorId: analyst.id },
      }),
    ).toBe(1);

    // A second inline outlet of the same name (in another case) is refused on the name field.
    const refusal = logFollowUp(
      parse({
        ...itemFields({ outlet: 'new', newOutletName: name.toUpperCase(), newOutletReliability: 'B' }),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'in_progress',
      }),
      analyst.id,
      prisma,
    );
    await expect(refusal).rejects.toMatchObject({ fieldErrors: { newOutletName: [expect.any(String)] } });
  });

  it('a back-dated item joins the history without changing the current status', async () => {
    const [commitment] = await makeCommitments(1);
    await logFollowUp(
      parse({
        ...itemFields({ publishedOn: formatDay(today()) }),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'in_progress',
      }),
      analyst.id,
      prisma,
    );
    await logFollowUp(
      parse({
        ...itemFields({ publishedOn: formatDay(addDays(today(), -400)) }),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'broken',
        'rows.0.reason': 'Reported abandoned back then.',
      }),
      analyst.id,
      prisma,
    );
    const row = await prisma.commitment.findUniqueOrThrow({
      where: { id: commitment },
      include: { _count: { select: { statusUpdates: true } } },
    });
    expect(row.status).toBe('in_progress');
    expect(row._count.statusUpdates).toBe(2);
  });

  describe('writes nothing when anything is wrong', () => {
    it('a row naming a party that is not responsible for its commitment', async () => {
      const [first, second] = await makeCommitments(2);
      const stranger = await prisma.party.create({ data: { name: unique('Stranger'), kind: 'state' } });
      const fields = itemFields({ outlet: 'new', newOutletName: unique('Never'), newOutletReliability: 'B' });
      const before = await counts(fields.url, [first, second]);
      const attempt = logFollowUp(
        parse({
          ...fields,
          'rows.0.commitmentId': String(first),
          'rows.0.status': 'fulfilled',
          'rows.1.commitmentId': String(second),
          'rows.1.status': 'fulfilled',
          'rows.1.partyId': String(stranger.id),
        }),
        analyst.id,
        prisma,
      );
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        fieldErrors: { 'rows.1.partyId': [expect.any(String)] },
      });
      expect(await counts(fields.url, [first, second])).toEqual(before);
      expect(await prisma.outlet.count({ where: { name: fields.newOutletName } })).toBe(0);
      expect((await prisma.commitment.findUniqueOrThrow({ where: { id: first } })).status).toBe(
        'no_evidence',
      );
    });

    it('an archived commitment in the second row', async () => {
      const [first, second] = await makeCommitments(2);
      await prisma.commitment.update({ where: { id: second }, data: { archivedAt: new Date() } });
      const fields = itemFields();
      const before = await counts(fields.url, [first, second]);
      const attempt = logFollowUp(
        parse({
          ...fields,
          'rows.0.commitmentId': String(first),
          'rows.0.status': 'fulfilled',
          'rows.1.commitmentId': String(second),
          'rows.1.status': 'fulfilled',
        }),
        analyst.id,
        prisma,
      );
      await expect(attempt).rejects.toMatchObject({
        fieldErrors: { 'rows.1.commitmentId': [expect.any(String)] },
      });
      expect(await counts(fields.url, [first, second])).toEqual(before);
    });

    it('a row with no fact date citing an undated item already logged', async () => {
      const [first, second] = await makeCommitments(2);
      const url = `https://news.example.com/${unique('undated')}`;
      const logged = await logFollowUp(
        parse({
          ...itemFields({ url, publishedOn: '' }),
          'rows.0.commitmentId': String(first),
          'rows.0.status': 'in_progress',
          'rows.0.observedOn': '2026-01-05',
        }),
        analyst.id,
        prisma,
      );
      const before = await counts(url, [first, second]);
      const attempt = logFollowUp(
        parse({
          url,
          existingEvidenceId: String(logged.evidence.id),
          'rows.0.commitmentId': String(second),
          'rows.0.status': 'fulfilled',
        }),
        analyst.id,
        prisma,
      );
      await expect(attempt).rejects.toMatchObject({
        fieldErrors: { 'rows.0.observedOn': [expect.any(String)] },
      });
      expect(await counts(url, [first, second])).toEqual(before);
    });

    it('a stalled row without a reason never reaches the database', async () => {
      const [commitment] = await makeCommitments(1);
      const result = logFollowUpSchema.safeParse({
        ...itemFields(),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'stalled',
        'rows.0.reason': '   ',
      });
      expect(result.success).toBe(false);
    });
  });

  it('dates are stored as the calendar day typed', async () => {
    const [commitment] = await makeCommitments(1);
    const result = await logFollowUp(
      parse({
        ...itemFields({ publishedOn: '2026-02-28' }),
        'rows.0.commitmentId': String(commitment),
        'rows.0.status': 'in_progress',
        'rows.0.observedOn': '2026-02-27',
      }),
      analyst.id,
      prisma,
    );
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { id: result.evidence.id } });
    expect(evidence.publishedOn).toEqual(parseDay('2026-02-28'));
    const update = await prisma.statusUpdate.findUniqueOrThrow({ where: { id: result.updateIds[0] } });
    expect(update.observedOn).toEqual(parseDay('2026-02-27'));
  });
});

describe('logFollowUp: its round trips', () => {
  /** A client on the test database whose statements are written down, in order, as they are sent. */
  function countingClient(): { client: PrismaClient; sent: string[]; close(): Promise<void> } {
    const sent: string[] = [];
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    pool.on('connect', (connection) => {
      const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
      (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const config = args[0] as string | { text?: string };
        sent.push((typeof config === 'string' ? config : (config.text ?? '')).trim().split(/\s+/)[0]);
        return query(...args);
      };
    });
    const client = new PrismaClient({ adapter: new PrismaPg(pool) });
    return { client, sent, close: () => client.$disconnect().then(() => pool.end()) };
  }

  it('a new item on an existing outlet: seven statements, the audit events in order with the refresh', async () => {
    // BEGIN, the lock on the address, one read of every check (the address, the commitments, the outlet, the
    // actor's role), the item, the rows, the status cache with every audit event, COMMIT. Before: twelve.
    const [first, second] = await makeCommitments(2);
    const counting = countingClient();
    try {
      await counting.client.$queryRaw`SELECT 1`;
      counting.sent.length = 0;
      const result = await logFollowUp(
        parse({
          ...itemFields(),
          'rows.0.commitmentId': String(first),
          'rows.0.status': 'in_progress',
          'rows.1.commitmentId': String(second),
          'rows.1.status': 'not_started',
        }),
        analyst.id,
        counting.client,
      );
      expect(counting.sent).toEqual(['BEGIN', 'SELECT', 'SELECT', 'INSERT', 'INSERT', 'WITH', 'COMMIT']);
      const audits = await prisma.auditEvent.findMany({
        where: {
          OR: [
            { entityType: 'Evidence', entityId: String(result.evidence.id) },
            { entityType: 'StatusUpdate', entityId: { in: result.updateIds.map(String) } },
          ],
        },
        orderBy: { id: 'asc' },
      });
      // The item's event first, then each row's in row order, all the analyst's, each with the row it created.
      expect(audits.map((event) => [event.entityType, event.entityId, event.actorId, event.action])).toEqual([
        ['Evidence', String(result.evidence.id), analyst.id, 'create'],
        ...result.updateIds.map((id) => ['StatusUpdate', String(id), analyst.id, 'create']),
      ]);
      expect(audits[0].before).toBeNull();
      expect(audits[0].after).toMatchObject({
        id: result.evidence.id,
        title: 'Protection unit begins operations',
      });
      expect(audits[1].after).toMatchObject({
        id: result.updateIds[0],
        commitmentId: first,
        status: 'in_progress',
      });
    } finally {
      await counting.close();
    }
  });

  it('rows that all become proposals still record the new item’s event, before theirs', async () => {
    const category = await prisma.category.create({
      data: { slug: unique('cat'), name: unique('Category') },
    });
    const agreement = await prisma.agreement.create({
      data: { title: unique('Reviewed agreement'), kind: 'mou', requiresReview: true },
    });
    const commitment = await prisma.commitment.create({
      data: { agreementId: agreement.id, categoryId: category.id, title: unique('Reviewed commitment') },
    });
    const result = await logFollowUp(
      parse({
        ...itemFields(),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'in_progress',
      }),
      analyst.id,
      prisma,
    );
    expect(result.updateIds).toEqual([]);
    expect(result.proposalIds).toHaveLength(1);
    const audits = await prisma.auditEvent.findMany({
      where: {
        OR: [
          { entityType: 'Evidence', entityId: String(result.evidence.id) },
          { entityType: 'ProposedStatusUpdate', entityId: String(result.proposalIds[0]) },
        ],
      },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((event) => [event.entityType, event.actorId])).toEqual([
      ['Evidence', analyst.id],
      ['ProposedStatusUpdate', analyst.id],
    ]);
  });
});
