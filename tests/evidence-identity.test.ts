// One article, one item (issue [3/9] items 6 and 7), against a real database:
// - PostgreSQL's pactwatch_url_identity (migration 20261202150000_evidence_url_identity), which keeps
//   Evidence."urlKey", says exactly what lib/domain/url.ts urlIdentity says, for random addresses and text;
// - logFollowUp (lib/data/evidence.ts) cites one item whatever form of its address is pasted, and refuses an
//   exact repeat, also when the two submits arrive at the same moment;
// - the migration leaves items logged twice before it deterministically apart, history untouched.
import fc from 'fast-check';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyLoggedError,
  findEvidenceByUrl,
  findEvidenceIdsByUrls,
  logFollowUp,
} from '../lib/data/evidence.ts';
import { normaliseUrl, urlIdentity } from '../lib/domain/url.ts';
import { AppError } from '../lib/errors.ts';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { readMigrations } from '../lib/migrations.ts';
import { logFollowUpSchema, type LogFollowUpInput } from '../lib/validation/follow-up.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createScratchSchema, type ScratchSchema } from './support/scratch-schema.ts';
import { createTestUser, type TestUser } from './support/users.ts';

const prisma = testPrisma();
// Transactions that really overlap need connections of their own.
const pool = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 6 }) });

let analyst: TestUser;
let outletId: number;
let partyA: number;

beforeAll(async () => {
  analyst = await createTestUser(prisma, 'analyst', { label: 'identity' });
  outletId = (await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'C' } })).id;
  partyA = (await prisma.party.create({ data: { name: unique('Party A'), kind: 'ministry' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await pool.$disconnect();
});

// ---------------------------------------------------------------------------------------------------------------
// The SQL function and the TypeScript reference

async function sqlIdentities(texts: string[]): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT pactwatch_url_identity(t.text) AS key
      FROM unnest(${texts}::text[]) WITH ORDINALITY AS t(text, n)
     ORDER BY t.n`;
  return rows.map((row) => row.key);
}

/** Pieces chosen to hit every rule: prefixes, AMP markers in all their forms, near-misses, odd characters. */
const scheme = fc.constantFrom('https://', 'http://', 'HTTPS://', 'ftp://', 'urn:pactwatch:', 'https:/', '');
const label = fc.oneof(
  fc.constantFrom('www', 'amp', 'WWW', 'dawn', 'news', 'com', 'pk', 'm', 'ampere', '', 'xn--p1ai', 'новости'),
  fc.string({ maxLength: 3 }),
);
const host = fc
  .tuple(fc.array(label, { maxLength: 4 }), fc.constantFrom('', ':8080', ':443'))
  .map(([labels, port]) => labels.join('.') + port);
const segment = fc.oneof(
  fc.constantFrom('amp', 'AMP', 'amp.html', 'amp-stories', 'news', '1', '', '%E6%96%B0', 'a\nb', '新闻'),
  fc.string({ maxLength: 4 }),
);
const path = fc.array(segment, { maxLength: 5 }).map((segments) => segments.map((s) => `/${s}`).join(''));
const param = fc.oneof(
  fc.constantFrom(
    'amp',
    'amp=',
    'amp=1',
    'AMP=true',
    'Amp=&',
    'outputType=amp',
    'OUTPUTTYPE=AMP',
    'outputType=ampx',
    'outputType=',
    'ampx=1',
    'camp=2',
    'page=2',
    '',
    'a=b=c',
    'q=amp',
  ),
  fc.string({ maxLength: 5 }),
);
const query = fc.option(
  fc.array(param, { maxLength: 4 }).map((params) => `?${params.join('&')}`),
  { nil: '' },
);
const fragment = fc.option(
  fc.oneof(fc.constant('#pactwatch-item-23-duplicates-17'), fc.string({ maxLength: 6 })).map((f) => `#${f}`),
  { nil: '' },
);
const storable = (text: string) => !text.includes('\u0000');
const address = fc
  .tuple(scheme, host, path, query, fragment)
  .map((parts) => parts.join(''))
  .filter(storable);
/** Addresses as the application stores them: normalised web addresses, AMP forms included. */
const normalised = fc
  .tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), path, query)
  .map(([url, extraPath, extraQuery]) =>
    normaliseUrl(`${url.replace(/[?#].*$/s, '')}${extraPath}${extraQuery}`),
  )
  .filter((url): url is string => url !== null && storable(url));
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 }).filter(storable);

describe('pactwatch_url_identity (SQL) equals urlIdentity (TypeScript)', () => {
  it('on the examples of lib/domain/url.test.ts and the seed reference', async () => {
    const examples = [
      'https://www.dawn.com/news/1',
      'http://dawn.com/news/1/amp',
      'https://amp.dawn.com/amp/news/1?amp=&page=2&outputType=amp',
      'https://www.amp.dev/about',
      'https://www.com/x',
      'http://localhost:3000/amp',
      'https://dawn.com?amp',
      'http://dawn.com/news/1/amp?amp=1#pactwatch-item-23-duplicates-17',
      'urn:pactwatch:seed:dunya-news',
      'not a url',
      '',
    ];
    expect(await sqlIdentities(examples)).toEqual(examples.map(urlIdentity));
    expect(await sqlIdentities(examples.slice(0, 3))).toEqual([
      '//dawn.com/news/1',
      '//dawn.com/news/1',
      '//dawn.com/news/1?page=2',
    ]);
  });

  it('for random addresses, normalised addresses and any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(address, normalised, anyText), { maxLength: 30 }), async (texts) => {
        expect(await sqlIdentities(texts)).toEqual(texts.map(urlIdentity));
      }),
      { numRuns: 150 },
    );
  });

  it('fills Evidence."urlKey" on Prisma inserts, which never name the column', async () => {
    const base = `https://www.identity.example/${unique('insert')}`;
    const urls = [base, `${base}/amp?x=1`, `urn:pactwatch:test:${unique('urn')}`];
    const ids: number[] = [];
    for (const url of urls) {
      const row = await prisma.evidence.create({
        data: {
          url,
          outletId,
          title: 'Inserted by Prisma',
          language: 'en',
          reliability: 'C',
          credibility: 3,
          type: 'announcement',
        },
      });
      expect(row).not.toHaveProperty('urlKey');
      ids.push(row.id);
    }
    const stored = await prisma.$queryRaw<{ url: string; url_key: string }[]>`
      SELECT url, "urlKey" AS url_key FROM "Evidence" WHERE id = ANY(${ids}::int[]) ORDER BY id`;
    expect(stored.map((row) => row.url_key)).toEqual(urls.map(urlIdentity));
    // An AMP form of an item already stored is refused by the unique index, whoever inserts it.
    await expect(
      prisma.evidence.create({
        data: {
          url: `http://amp.identity.example/${base.split('/').pop()}/amp`,
          outletId,
          title: 'The same article again',
          language: 'en',
          reliability: 'C',
          credibility: 3,
          type: 'announcement',
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// logFollowUp

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
        parties: { create: [{ partyId: partyA, role: 'responsible' }] },
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

/** The whole form, as the browser sends it for a new item: the same fields every time unless overridden. */
function form(
  url: string,
  rows: Record<string, string>,
  item: Record<string, string> = {},
): LogFollowUpInput {
  return parse({
    url,
    outlet: String(outletId),
    title: 'Security unit begins operations',
    language: 'en',
    publishedOn: '2026-03-10',
    excerpt: 'The unit began operating on Monday.',
    credibility: '2',
    type: 'concrete_action',
    ...item,
    ...rows,
  });
}

/** A fresh article's address, in the form first pasted: `https://www.<host>/news/<slug>`. */
function article(): { host: string; slug: string; url: string } {
  const host = `${unique('paper')}.example`;
  const slug = unique('story');
  return { host, slug, url: `https://www.${host}/news/${slug}` };
}

/** Everything a follow-up could write that these tests look at: items of the article, updates, this analyst's audit. */
async function written(host: string, commitmentIds: number[]) {
  const [items, updates, audits] = await Promise.all([
    prisma.evidence.findMany({ where: { url: { contains: host } }, select: { id: true, url: true } }),
    prisma.statusUpdate.count({ where: { commitmentId: { in: commitmentIds } } }),
    prisma.auditEvent.count({ where: { actorId: analyst.id } }),
  ]);
  return { items, updates, audits };
}

describe('logFollowUp: one article, one item', () => {
  it('cites the item first logged whatever form of its address is pasted: http/https, www., AMP', async () => {
    const commitments = await makeCommitments(6);
    const { host, slug, url } = article();
    const first = await logFollowUp(
      form(url, { 'rows.0.commitmentId': String(commitments[0]), 'rows.0.status': 'in_progress' }),
      analyst.id,
      pool,
    );
    expect(first.reused).toBe(false);

    const forms = [
      `http://${host}/news/${slug}/amp`,
      `https://amp.${host}/news/${slug}?amp=1`,
      `https://${host}/amp/news/${slug}`,
      `https://www.${host}/news/${slug}?outputType=amp&utm_source=x`,
      `http://www.${host}/news/${slug}/?amp`,
    ];
    for (const [n, typed] of forms.entries()) {
      const result = await logFollowUp(
        form(
          typed,
          { 'rows.0.commitmentId': String(commitments[n + 1]), 'rows.0.status': 'in_progress' },
          { title: `Typed differently, form ${n}`, credibility: '5' },
        ),
        analyst.id,
        pool,
      );
      expect(result).toMatchObject({ reused: true, evidence: { id: first.evidence.id } });
      expect((await findEvidenceByUrl(typed, pool))?.id).toBe(first.evidence.id);
    }

    const { items } = await written(host, commitments);
    // One row, kept as first logged: its address and its fields.
    expect(items).toEqual([{ id: first.evidence.id, url }]);
    const item = await prisma.evidence.findUniqueOrThrow({ where: { id: first.evidence.id } });
    expect(item).toMatchObject({ title: 'Security unit begins operations', credibility: 2 });
    expect(await prisma.statusUpdate.count({ where: { evidenceId: item.id } })).toBe(6);
    expect(await findEvidenceIdsByUrls([forms[0], url, `https://${host}/news/other`], pool)).toEqual(
      new Map([
        [forms[0], item.id],
        [url, item.id],
      ]),
    );
  });

  it('refuses an exact repeat, under any form of the address: nothing written, "already logged" with the item', async () => {
    const [commitment, other] = await makeCommitments(2);
    const { host, slug, url } = article();
    const rows = {
      'rows.0.commitmentId': String(commitment),
      'rows.0.status': 'stalled',
      'rows.0.partyId': String(partyA),
      'rows.0.observedOn': '2026-03-09',
      'rows.0.reason': 'Funding frozen, the ministry says.',
    };
    const first = await logFollowUp(form(url, rows), analyst.id, pool);
    const before = await written(host, [commitment, other]);

    for (const again of [
      form(url, rows),
      // The reason as typed again, with stray spaces; and the item found by the form (only its id is sent).
      form(`http://${host}/news/${slug}/amp`, {
        ...rows,
        'rows.0.reason': '  Funding frozen, the ministry says. ',
      }),
      parse({ url, existingEvidenceId: String(first.evidence.id), ...rows }),
    ]) {
      const attempt = logFollowUp(again, analyst.id, pool);
      await expect(attempt).rejects.toBeInstanceOf(AlreadyLoggedError);
      // An expected refusal: the action wrapper turns it into the form's message, never a 500.
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        message: expect.stringMatching(
          new RegExp(
            `^Already logged: this update is in the log .*/evidence/${first.evidence.id}\\b.*Nothing new was written`,
          ),
        ),
        evidenceId: first.evidence.id,
        updateIds: first.updateIds,
      });
    }
    expect(await written(host, [commitment, other])).toEqual(before);
  });

  it('a repeat whose fact date was left to default to the published date is a repeat too', async () => {
    const [commitment] = await makeCommitments(1);
    const { host, url } = article();
    const rows = { 'rows.0.commitmentId': String(commitment), 'rows.0.status': 'in_progress' };
    await logFollowUp(form(url, rows), analyst.id, pool);
    const before = await written(host, [commitment]);
    await expect(logFollowUp(form(url, rows), analyst.id, pool)).rejects.toBeInstanceOf(AlreadyLoggedError);
    expect(await written(host, [commitment])).toEqual(before);
  });

  it('accepts a different status, reason, fact date, party or commitment on the same item', async () => {
    const [commitment, other] = await makeCommitments(2);
    const { host, slug, url } = article();
    const base = {
      'rows.0.commitmentId': String(commitment),
      'rows.0.status': 'stalled',
      'rows.0.observedOn': '2026-03-31',
      'rows.0.reason': 'Funding frozen.',
    };
    const first = await logFollowUp(form(url, base), analyst.id, pool);
    const variants = [
      { ...base, 'rows.0.status': 'broken' },
      { ...base, 'rows.0.reason': 'Funding frozen until the budget.' },
      { ...base, 'rows.0.observedOn': '2026-03-30' },
      { ...base, 'rows.0.partyId': String(partyA) },
      { ...base, 'rows.0.commitmentId': String(other) },
      // March 2026, known to the month, is not a repeat of 31 March 2026 (both held by the 31st).
      { ...base, 'rows.0.observedOn': '2026-03', 'rows.0.observedPrecision': 'month' },
    ];
    for (const rows of variants) {
      const result = await logFollowUp(form(`https://amp.${host}/news/${slug}`, rows), analyst.id, pool);
      expect(result).toMatchObject({ reused: true, evidence: { id: first.evidence.id } });
      expect(result.updateIds).toHaveLength(1);
    }
    expect(await prisma.statusUpdate.count({ where: { evidenceId: first.evidence.id } })).toBe(7);
  });

  it('a submit repeating some of its rows points at them and writes nothing', async () => {
    const [commitment, other] = await makeCommitments(2);
    const { host, url } = article();
    const repeated = { 'rows.0.commitmentId': String(commitment), 'rows.0.status': 'in_progress' };
    await logFollowUp(form(url, repeated), analyst.id, pool);
    const before = await written(host, [commitment, other]);

    const partly = logFollowUp(
      form(url, { ...repeated, 'rows.1.commitmentId': String(other), 'rows.1.status': 'fulfilled' }),
      analyst.id,
      pool,
    );
    await expect(partly).rejects.toBeInstanceOf(AlreadyLoggedError);
    const refusal = (await partly.catch((error: unknown) => error)) as AlreadyLoggedError;
    expect(refusal.message).toBe('Check the highlighted rows.');
    expect(Object.keys(refusal.fieldErrors)).toEqual(['rows.0.status']);
    expect(refusal.fieldErrors['rows.0.status'][0]).toMatch(/^Already logged on .* remove this row\.$/);
    expect(await written(host, [commitment, other])).toEqual(before);
  });

  it('identical submits at the same moment write once: one item, one update, the others told it is logged', async () => {
    const [commitment] = await makeCommitments(1);
    const { host, url } = article();
    const input = form(url, {
      'rows.0.commitmentId': String(commitment),
      'rows.0.status': 'stalled',
      'rows.0.reason': 'Suspended, the ministry says.',
    });
    const before = await written(host, [commitment]);

    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => logFollowUp(input, analyst.id, pool)),
    );

    const done = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(done).toHaveLength(1);
    expect(done[0].reused).toBe(false);
    expect(refused).toHaveLength(3);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(AlreadyLoggedError);
      expect(reason).toMatchObject({ evidenceId: done[0].evidence.id, updateIds: done[0].updateIds });
    }
    const after = await written(host, [commitment]);
    expect(after.items).toEqual([{ id: done[0].evidence.id, url }]);
    expect(after.updates - before.updates).toBe(1);
    // The item's audit event and the update's, once.
    expect(after.audits - before.audits).toBe(2);
  });

  it('identical submits at the same moment on an item already logged write once too', async () => {
    // No insert of the item to queue on here: only the lock on the identity keeps the submits apart.
    const [commitment, other] = await makeCommitments(2);
    const { host, slug, url } = article();
    const first = await logFollowUp(
      form(url, { 'rows.0.commitmentId': String(commitment), 'rows.0.status': 'in_progress' }),
      analyst.id,
      pool,
    );
    const before = await written(host, [commitment, other]);
    const again = { 'rows.0.commitmentId': String(other), 'rows.0.status': 'not_started' };

    const results = await Promise.allSettled([
      logFollowUp(form(url, again), analyst.id, pool),
      logFollowUp(form(url, again), analyst.id, pool),
      logFollowUp(form(`http://amp.${host}/news/${slug}/amp`, again), analyst.id, pool),
      logFollowUp(parse({ url, existingEvidenceId: String(first.evidence.id), ...again }), analyst.id, pool),
    ]);

    const done = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ reused: true, evidence: { id: first.evidence.id } });
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(AlreadyLoggedError);
    }
    const after = await written(host, [commitment, other]);
    expect(after.items).toEqual(before.items);
    expect(after.updates - before.updates).toBe(1);
  });

  it('different forms of one new article submitted at the same moment make one item, each update kept', async () => {
    const commitments = await makeCommitments(3);
    const { host, slug, url } = article();
    const forms = [url, `http://${host}/news/${slug}/amp`, `https://amp.${host}/news/${slug}?amp`];
    const results = await Promise.all(
      forms.map((typed, n) =>
        logFollowUp(
          form(typed, { 'rows.0.commitmentId': String(commitments[n]), 'rows.0.status': 'in_progress' }),
          analyst.id,
          pool,
        ),
      ),
    );
    expect(new Set(results.map((result) => result.evidence.id)).size).toBe(1);
    expect(results.filter((result) => !result.reused)).toHaveLength(1);
    const { items, updates } = await written(host, commitments);
    expect(items).toHaveLength(1);
    expect(updates).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The migration, on items logged twice before it

describe('migration 20261202150000_evidence_url_identity', () => {
  let scratch: ScratchSchema | undefined;
  afterAll(async () => {
    await scratch?.drop();
  });

  it('keeps the first logged item per article and marks later ones apart, leaving the log untouched', async () => {
    const migrations = await readMigrations();
    const index = migrations.findIndex((m) => m.name === '20261202150000_evidence_url_identity');
    expect(index).toBeGreaterThan(0);
    scratch = await createScratchSchema('identity');
    for (const migration of migrations.slice(0, index)) await scratch.query(migration.sql);

    // Before the migration: one article logged three times under three forms, another once, a seed reference.
    await scratch.query(`
      INSERT INTO "Outlet" (id, name, "defaultReliability", "updatedAt") VALUES (1, 'Dawn', 'B', now());
      INSERT INTO "Agreement" (id, title, kind, "updatedAt") VALUES (1, 'Agreement', 'mou', now());
      INSERT INTO "Category" (id, slug, name) VALUES (1, 'c', 'C');
      INSERT INTO "Commitment" (id, "agreementId", "categoryId", title, "updatedAt") VALUES (1, 1, 1, 'C1', now());
      INSERT INTO "Evidence" (id, url, "outletId", title, language, reliability, credibility, type, "createdAt") VALUES
        (1, 'https://www.dawn.com/news/1', 1, 'Second logged', 'en', 'B', 2, 'announcement', '2026-01-02'),
        (2, 'http://dawn.com/news/1/amp', 1, 'First logged', 'en', 'C', 3, 'contradiction', '2026-01-01'),
        (3, 'https://amp.dawn.com/news/1?amp=1', 1, 'Third logged', 'en', 'D', 4, 'announcement', '2026-01-03'),
        (4, 'https://www.dawn.com/news/2', 1, 'Another article', 'en', 'B', 2, 'announcement', '2026-01-03'),
        (5, 'urn:pactwatch:seed:dunya-news', 1, 'Seed', 'en', 'B', 2, 'announcement', '2026-01-03');
      INSERT INTO "AgreementSource" ("agreementId", "evidenceId") VALUES (1, 1), (1, 2);
      INSERT INTO "StatusUpdate" ("commitmentId", status, "evidenceId", "observedOn") VALUES
        (1, 'in_progress', 1, '2026-01-02'), (1, 'stalled', 3, '2026-01-03');
    `);
    const updatesBefore = await scratch.query(
      `SELECT id, "evidenceId", status FROM "StatusUpdate" ORDER BY id`,
    );

    await scratch.query(migrations[index].sql);

    const items = await scratch.query<{ id: number; url: string; url_key: string; title: string }>(
      `SELECT id, url, "urlKey" AS url_key, title FROM "Evidence" ORDER BY id`,
    );
    expect(items.rows).toEqual([
      {
        id: 1,
        url: 'https://www.dawn.com/news/1#pactwatch-item-1-duplicates-2',
        url_key: '//dawn.com/news/1#pactwatch-item-1-duplicates-2',
        title: 'Second logged',
      },
      { id: 2, url: 'http://dawn.com/news/1/amp', url_key: '//dawn.com/news/1', title: 'First logged' },
      {
        id: 3,
        url: 'https://amp.dawn.com/news/1?amp=1#pactwatch-item-3-duplicates-2',
        url_key: '//dawn.com/news/1#pactwatch-item-3-duplicates-2',
        title: 'Third logged',
      },
      { id: 4, url: 'https://www.dawn.com/news/2', url_key: '//dawn.com/news/2', title: 'Another article' },
      {
        id: 5,
        url: 'urn:pactwatch:seed:dunya-news',
        url_key: 'urn:pactwatch:seed:dunya-news',
        title: 'Seed',
      },
    ]);
    for (const row of items.rows) expect(row.url_key).toBe(urlIdentity(row.url));
    // The log and the agreements' sources still cite what they cited.
    expect(
      (await scratch.query(`SELECT id, "evidenceId", status FROM "StatusUpdate" ORDER BY id`)).rows,
    ).toEqual(updatesBefore.rows);
    expect(
      (await scratch.query(`SELECT "evidenceId" FROM "AgreementSource" ORDER BY "evidenceId"`)).rows,
    ).toEqual([{ evidenceId: 1 }, { evidenceId: 2 }]);
    // Each change audited as the system's, with the address before and after.
    const audits = await scratch.query(
      `SELECT "actorId", action, "entityType", "entityId", before->>'url' AS before, after->>'url' AS after
         FROM "AuditEvent" ORDER BY id`,
    );
    expect(audits.rows).toEqual([
      {
        actorId: null,
        action: 'update',
        entityType: 'Evidence',
        entityId: '1',
        before: 'https://www.dawn.com/news/1',
        after: 'https://www.dawn.com/news/1#pactwatch-item-1-duplicates-2',
      },
      {
        actorId: null,
        action: 'update',
        entityType: 'Evidence',
        entityId: '3',
        before: 'https://amp.dawn.com/news/1?amp=1',
        after: 'https://amp.dawn.com/news/1?amp=1#pactwatch-item-3-duplicates-2',
      },
    ]);
    // From now on the article is one item: another form of its address is refused by the unique index.
    await expect(
      scratch.query(`
        INSERT INTO "Evidence" (id, url, "outletId", title, language, reliability, credibility, type)
        VALUES (6, 'https://dawn.com/news/1', 1, 'Again', 'en', 'B', 2, 'announcement')`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'Evidence_urlKey_key' });
  });
});
