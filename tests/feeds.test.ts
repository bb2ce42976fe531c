// Outlets' feeds (lib/feeds) against a real database and a local HTTP server serving tests/fixtures/feeds/*: RSS
// 2.0, Atom and RDF parsed alike, conditional requests (the server answers 304 to the ETag it gave), no item filed
// twice, a failing feed recorded while the others succeed, and each item's commitments ranked.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { addOutletFeed } from '../lib/feeds/feeds.ts';
import { dismissInboxItem, listInbox, restoreInboxItem, type InboxFilter } from '../lib/feeds/inbox.ts';
import { draftFromInboxItem } from '../lib/feeds/inbox-draft.ts';
import { FEEDS_POLL_JOB, feedPollEveryMs } from '../lib/feeds/job.ts';
import { FeedParseError, parseFeedDocument } from '../lib/feeds/parse.ts';
import { pollFeed, pollFeeds, type PollOptions } from '../lib/feeds/poll.ts';
import { addFeedSchema } from '../lib/feeds/schemas.ts';
import { jobs } from '../lib/scheduler/jobs.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();
const FIXTURES = path.join(import.meta.dirname, 'fixtures/feeds');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

let server: http.Server;
let base: string;
/** The requests the server saw, with their conditional headers. */
const requests: { path: string; ifNoneMatch: string | undefined }[] = [];
/** Whether /feeds/flaky.xml serves the malformed document (true) or the RSS one. */
let flakyBroken = true;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const [route] = (request.url ?? '').split('?');
    requests.push({ path: route, ifNoneMatch: request.headers['if-none-match'] });
    const send = (name: string, type: string, headers: Record<string, string> = {}) =>
      response
        .writeHead(200, { 'content-type': type, ...headers })
        .end(fixture(name).replaceAll('{{BASE}}', base));
    if (route === '/feeds/dawn.rss') {
      // The ETag of the one version there is: a request that has it gets nothing new.
      if (request.headers['if-none-match'] === '"dawn-v1"') {
        response.writeHead(304, { etag: '"dawn-v1"' }).end();
        return;
      }
      send('dawn-rss.xml', 'application/rss+xml; charset=utf-8', {
        etag: '"dawn-v1"',
        'last-modified': 'Tue, 14 Oct 2025 10:00:00 GMT',
      });
    } else if (route === '/feeds/geo.atom') {
      send('geo-atom.xml', 'application/atom+xml');
    } else if (route === '/feeds/app.rdf') {
      send('protection-unit-rdf.xml', 'application/rdf+xml');
    } else if (route === '/feeds/flaky.xml') {
      send(flakyBroken ? 'malformed.xml' : 'dawn-rss.xml', 'text/xml');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await prisma.$disconnect();
});

/** The fixture server's host:port allowed, as PACTWATCH_FETCH_ALLOW_HOSTS allows it in the e2e app. */
const options = (): PollOptions => ({ fetch: { allowHosts: [new URL(base).host], totalTimeoutMs: 5_000 } });

async function newFeed(route: string) {
  const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
  // A unique query string: OutletFeed.url is unique across outlets, and every test adds its own.
  return prisma.outletFeed.create({
    data: { outletId: outlet.id, url: `${base}${route}?t=${unique('t')}` },
    select: { id: true, url: true, etag: true, lastModified: true, outletId: true },
  });
}

async function partyNamed(name: string, kind: 'state' | 'ministry', countryCode: string) {
  const found = await prisma.party.findFirst({ where: { name, archivedAt: null }, orderBy: { id: 'asc' } });
  return found ?? prisma.party.create({ data: { name, kind, countryCode } });
}

describe('parseFeedDocument', () => {
  it('reads RSS 2.0: addresses normalised, summaries as text, dates, items without a link left out', () => {
    const feed = parseFeedDocument(
      fixture('dawn-rss.xml').replaceAll('{{BASE}}', 'https://www.dawn.example'),
      'https://www.dawn.example/feed',
    );
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Dawn – Pakistan');
    expect(feed.entries.map((entry) => entry.url)).toEqual([
      'https://www.dawn.example/news/protection-unit-established',
      'https://www.dawn.example/news/nccia-cybercrime',
      'https://www.dawn.example/sport/cricket-toss',
    ]);
    const [first] = feed.entries;
    expect(first.guid).toBe('dawn-1001');
    expect(first.publishedAt?.toISOString()).toBe('2025-10-14T09:30:00.000Z');
    expect(first.summary).toMatch(
      /^ISLAMABAD: The Ministry of Interior has established a special protection unit/,
    );
    expect(first.summary).not.toContain('<');
    expect(first.summary).not.toContain('alert');
  });

  it('reads Atom (relative links against the feed) and RDF alike', () => {
    const atom = parseFeedDocument(
      fixture('geo-atom.xml').replaceAll('{{BASE}}', 'https://geo.example'),
      'https://geo.example/feeds/geo.atom',
    );
    expect(atom.format).toBe('atom');
    expect(atom.title).toBe('Geo News – National');
    expect(atom.entries[0]).toMatchObject({
      url: 'https://geo.example/national/rapid-response-first-session',
      guid: 'urn:geo:2001',
      title: 'Pakistan and China hold first session of joint rapid-response counterterrorism system',
    });
    expect(atom.entries[0].summary).toContain('held its first session in Beijing');
    expect(atom.entries[0].publishedAt?.toISOString()).toBe('2025-10-15T08:00:00.000Z');
    // No <published>: the entry's <updated> stands for it.
    expect(atom.entries[1].publishedAt?.toISOString()).toBe('2025-10-14T06:00:00.000Z');

    const rdf = parseFeedDocument(
      fixture('protection-unit-rdf.xml').replaceAll('{{BASE}}', 'https://app.example'),
      'https://app.example/feeds/app.rdf',
    );
    expect(rdf.format).toBe('rdf');
    expect(rdf.entries).toHaveLength(1);
    expect(rdf.entries[0].url).toBe('https://app.example/app/naqvi-wang-call');
    expect(rdf.entries[0].publishedAt?.toISOString()).toBe('2025-10-16T05:00:00.000Z');
  });

  it('refuses what is not a feed with a message that says so', () => {
    expect(() => parseFeedDocument(fixture('malformed.xml'), 'https://x.example/')).toThrow(FeedParseError);
    expect(() => parseFeedDocument('not xml at all <<<', 'https://x.example/')).toThrow(/RSS, Atom or RDF/);
  });

  it('caps a date in the future at the time of the poll', () => {
    const now = new Date('2025-10-01T00:00:00Z');
    const feed = parseFeedDocument(
      fixture('geo-atom.xml').replaceAll('{{BASE}}', 'https://geo.example'),
      'https://geo.example/',
      now,
    );
    expect(feed.entries[0].publishedAt?.toISOString()).toBe(now.toISOString());
  });
});

describe('polling feeds', () => {
  it('files new items once; a conditional request with the saved ETag gets 304 and files nothing', async () => {
    const feed = await newFeed('/feeds/dawn.rss');
    const first = await pollFeed(prisma, feed, options());
    expect(first).toMatchObject({ outcome: 'filed', found: 3, filed: 3 });
    const saved = await prisma.outletFeed.findUniqueOrThrow({ where: { id: feed.id } });
    expect(saved).toMatchObject({
      title: 'Dawn – Pakistan',
      etag: '"dawn-v1"',
      lastModified: 'Tue, 14 Oct 2025 10:00:00 GMT',
      lastError: null,
    });
    expect(saved.lastSuccessAt).not.toBeNull();
    const items = await prisma.inboxItem.findMany({
      where: { feedId: feed.id },
      orderBy: { publishedAt: 'desc' },
    });
    expect(items.map((item) => item.url)).toEqual([
      `${base}/news/protection-unit-established`,
      `${base}/news/nccia-cybercrime`,
      `${base}/sport/cricket-toss`,
    ]);
    expect(items[0]).toMatchObject({ guid: 'dawn-1001', language: 'en' });

    const seen = requests.length;
    const second = await pollFeed(prisma, saved, options());
    expect(second).toEqual({ feedId: feed.id, outcome: 'not-modified' });
    expect(requests.slice(seen)).toEqual([{ path: '/feeds/dawn.rss', ifNoneMatch: '"dawn-v1"' }]);
    expect(await prisma.inboxItem.count({ where: { feedId: feed.id } })).toBe(3);
  });

  it('without validators, polls again in full and still files each item once', async () => {
    const feed = await newFeed('/feeds/geo.atom');
    expect(await pollFeed(prisma, feed, options())).toMatchObject({ outcome: 'filed', filed: 2 });
    const again = await prisma.outletFeed.findUniqueOrThrow({ where: { id: feed.id } });
    expect(again.etag).toBeNull();
    expect(await pollFeed(prisma, again, options())).toMatchObject({ outcome: 'filed', found: 2, filed: 0 });
    expect(await prisma.inboxItem.count({ where: { feedId: feed.id } })).toBe(2);
  });

  it('records a failing feed and goes on with the others; the next success clears the error', async () => {
    flakyBroken = true;
    const good = await newFeed('/feeds/app.rdf');
    const broken = await newFeed('/feeds/flaky.xml');
    const missing = await newFeed('/feeds/gone.xml');
    const results = await pollFeeds(prisma, options());
    const byId = new Map(results.map((result) => [result.feedId, result]));
    expect(byId.get(good.id)).toMatchObject({ outcome: 'filed', filed: 1 });
    expect(byId.get(broken.id)).toMatchObject({ outcome: 'failed' });
    expect(byId.get(missing.id)).toMatchObject({ outcome: 'failed' });

    const rows = await prisma.outletFeed.findMany({
      where: { id: { in: [good.id, broken.id, missing.id] } },
      orderBy: { id: 'asc' },
    });
    expect(rows[0]).toMatchObject({ lastError: null, lastErrorAt: null });
    expect(rows[0].lastSuccessAt).not.toBeNull();
    expect(rows[1].lastError).toMatch(/did not return an RSS, Atom or RDF feed/);
    expect(rows[1].lastErrorAt).not.toBeNull();
    expect(rows[1].lastSuccessAt).toBeNull();
    expect(rows[2].lastError).toBe('The page answered with HTTP status 404.');

    flakyBroken = false;
    expect(await pollFeed(prisma, broken, options())).toMatchObject({ outcome: 'filed', filed: 3 });
    const fixed = await prisma.outletFeed.findUniqueOrThrow({ where: { id: broken.id } });
    expect(fixed).toMatchObject({ lastError: null, lastErrorAt: null });
    expect(fixed.lastSuccessAt).not.toBeNull();
  });

  it('refuses a feed on a private address that is not allowed, and records why', async () => {
    const feed = await newFeed('/feeds/dawn.rss');
    const result = await pollFeed(prisma, feed, { fetch: { allowHosts: [] } });
    expect(result).toMatchObject({ outcome: 'failed' });
    expect((await prisma.outletFeed.findUniqueOrThrow({ where: { id: feed.id } })).lastError).toMatch(
      /private, loopback or link-local/,
    );
  });

  it('ranks the protection-unit commitment first for an item about the protection unit, with its parties', async () => {
    const pakistan = await partyNamed('Pakistan', 'state', 'PK');
    const category = await prisma.category.create({
      data: { name: unique('Category'), slug: unique('category') },
    });
    const agreement = await prisma.agreement.create({
      data: { title: unique('Feeds agreement'), kind: 'mou' },
    });
    const commitment = (title: string) =>
      prisma.commitment.create({ data: { agreementId: agreement.id, categoryId: category.id, title } });
    const protection = await commitment('Special protection unit for Chinese nationals in Islamabad');
    const cyber = await commitment(
      'Cybercrime cooperation: Chinese expertise, including AI technologies, for the NCCIA',
    );
    const rapid = await commitment('Joint rapid-response system to counter terrorism');

    const feed = await newFeed('/feeds/dawn.rss');
    await pollFeed(prisma, feed, options());
    const items = await prisma.inboxItem.findMany({
      where: { feedId: feed.id },
      include: {
        commitments: { orderBy: { score: 'desc' }, include: { commitment: { select: { title: true } } } },
        parties: true,
      },
    });
    const about = (path: string) => items.find((item) => item.url === `${base}${path}`)!;

    const unit = about('/news/protection-unit-established');
    expect(unit.commitments.length).toBeGreaterThan(0);
    expect(unit.commitments.length).toBeLessThanOrEqual(5);
    // Other tests' commitments share the database: the best is a protection-unit one, and of this test's three,
    // the protection unit comes first.
    expect(unit.commitments[0].commitment.title).toMatch(/protection unit/i);
    const ours = unit.commitments.filter((row) =>
      [protection.id, cyber.id, rapid.id].includes(row.commitmentId),
    );
    expect(ours[0]?.commitmentId).toBe(protection.id);
    expect(unit.parties.map((row) => row.partyId)).toContain(pakistan.id);

    const nccia = about('/news/nccia-cybercrime');
    const nccIaOurs = nccia.commitments.filter((row) =>
      [protection.id, cyber.id, rapid.id].includes(row.commitmentId),
    );
    expect(nccIaOurs[0]?.commitmentId).toBe(cyber.id);
    // A sports story concerns nothing on file.
    expect(
      about('/sport/cricket-toss').commitments.filter((row) => row.commitmentId === protection.id),
    ).toEqual([]);
  });
});

describe('the feeds.poll job', () => {
  it('is registered, every PACTWATCH_FEED_POLL_MINUTES (default 30)', () => {
    expect(jobs.map((job) => job.name)).toContain(FEEDS_POLL_JOB);
    expect(feedPollEveryMs({})).toBe(30 * 60_000);
    expect(feedPollEveryMs({ PACTWATCH_FEED_POLL_MINUTES: '5' })).toBe(5 * 60_000);
    expect(feedPollEveryMs({ PACTWATCH_FEED_POLL_MINUTES: '0' })).toBe(30 * 60_000);
    expect(feedPollEveryMs({ PACTWATCH_FEED_POLL_MINUTES: 'soon' })).toBe(30 * 60_000);
  });
});

describe('the Inbox', () => {
  async function inboxFixture() {
    const user = await createTestUser(prisma, 'analyst');
    const feed = await newFeed('/feeds/none.xml');
    const category = await prisma.category.create({
      data: { name: unique('Category'), slug: unique('category') },
    });
    const agreement = await prisma.agreement.create({
      data: { title: unique('Inbox agreement'), kind: 'mou' },
    });
    const commitment = await prisma.commitment.create({
      data: { agreementId: agreement.id, categoryId: category.id, title: unique('Inbox commitment') },
    });
    const party = await prisma.party.create({ data: { name: unique('Party'), kind: 'agency' } });
    const word = unique('w');
    const item = (path: string, title: string, publishedAt: Date | null) =>
      prisma.inboxItem.create({
        data: {
          feedId: feed.id,
          url: `https://news.example/${word}/${path}`,
          title: `${title} ${word}`,
          publishedAt,
        },
      });
    const older = await item('older', 'Older', new Date('2025-10-01T00:00:00Z'));
    const newer = await item('newer', 'Newer', new Date('2025-10-10T00:00:00Z'));
    const undated = await item('undated', 'Undated', null);
    await prisma.inboxItemCommitment.create({
      data: { itemId: older.id, commitmentId: commitment.id, score: 1.5 },
    });
    await prisma.inboxItemParty.create({ data: { itemId: newer.id, partyId: party.id } });
    return { user, feed, commitment, party, word, older, newer, undated };
  }

  it('lists newest first, filters in SQL, and marks an item whose address is logged as evidence', async () => {
    const { feed, commitment, party, word, older, newer, undated } = await inboxFixture();
    const ids = async (filter: InboxFilter) =>
      (await listInbox({ feedId: feed.id, ...filter }, 1, prisma)).items.map((row) => row.id);
    // An undated item counts by when it was filed: now, the newest.
    expect(await ids({})).toEqual([undated.id, newer.id, older.id]);
    expect(await ids({ commitmentId: commitment.id })).toEqual([older.id]);
    expect(await ids({ partyId: party.id })).toEqual([newer.id]);
    expect(await ids({ q: `Newer ${word}` })).toEqual([newer.id]);
    expect(await ids({ q: '100%_' })).toEqual([]);

    // Logged under another form of the same address (www., a tracking parameter, https).
    const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
    const evidence = await prisma.evidence.create({
      data: {
        url: `https://www.news.example/${word}/older`,
        outletId: outlet.id,
        title: 'Logged already',
        language: 'en',
        reliability: 'B',
        credibility: 2,
        type: 'announcement',
      },
    });
    const page = await listInbox({ feedId: feed.id }, 1, prisma);
    expect(page.items.find((row) => row.id === older.id)?.evidence).toEqual({
      id: evidence.id,
      title: 'Logged already',
    });
    expect(page.items.find((row) => row.id === older.id)?.commitments).toMatchObject([
      { id: commitment.id, score: 1.5 },
    ]);
    expect(page.items.find((row) => row.id === newer.id)?.evidence).toBeNull();
    expect(await ids({ state: 'logged' })).toEqual([older.id]);
    expect(await ids({ state: 'new' })).toEqual([undated.id, newer.id]);
  });

  it('dismisses and restores with an audit event naming who did it; a repeat changes nothing', async () => {
    const { user, feed, newer } = await inboxFixture();
    await dismissInboxItem({ id: newer.id }, user.id, prisma);
    const ids = async (state: InboxFilter['state']) =>
      (await listInbox({ feedId: feed.id, state }, 1, prisma)).items.map((row) => row.id);
    expect(await ids('')).not.toContain(newer.id);
    expect(await ids('dismissed')).toEqual([newer.id]);
    await dismissInboxItem({ id: newer.id }, user.id, prisma);
    await restoreInboxItem({ id: newer.id }, user.id, prisma);
    expect(await ids('dismissed')).toEqual([]);
    const events = await prisma.auditEvent.findMany({
      where: { entityType: 'InboxItem', entityId: String(newer.id) },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ['dismiss', user.id],
      ['restore', user.id],
    ]);
    await expect(dismissInboxItem({ id: 2_000_000_000 }, user.id, prisma)).rejects.toThrow(NotFoundError);
  });

  it('drafts a follow-up from an item: the feed’s outlet and date, the filed commitments as rows', async () => {
    const category = await prisma.category.create({
      data: { name: unique('Category'), slug: unique('category') },
    });
    const agreement = await prisma.agreement.create({
      data: { title: unique('Draft agreement'), kind: 'mou' },
    });
    const protection = await prisma.commitment.create({
      data: {
        agreementId: agreement.id,
        categoryId: category.id,
        title: 'Special protection unit for Chinese nationals in Islamabad',
      },
    });
    const feed = await newFeed('/feeds/dawn.rss');
    await pollFeed(prisma, feed, options());
    const item = await prisma.inboxItem.findFirstOrThrow({
      where: { feedId: feed.id, url: `${base}/news/protection-unit-established` },
      include: { commitments: { orderBy: { score: 'desc' } } },
    });
    expect(item.commitments.map((row) => row.commitmentId)).toContain(protection.id);
    const result = await draftFromInboxItem(item.id, prisma);
    expect(result).not.toBeNull();
    const { draft, outlet, commitments, logged } = result!;
    expect(outlet?.id).toBe(feed.outletId);
    expect(draft.outlet?.value.id).toBe(feed.outletId);
    expect(draft.publishedOn?.value).toBe('2025-10-14');
    expect(draft.title?.value).toBe(item.title);
    expect(draft.url).toBe(item.url);
    expect(logged).toBeNull();
    // The rows: the commitments the item was filed with, in its order.
    expect(draft.commitments.map((row) => row.commitmentId)).toEqual(
      item.commitments
        .map((row) => row.commitmentId)
        .filter((id) => draft.commitments.some((row) => row.commitmentId === id)),
    );
    const own = draft.commitments.find((row) => row.commitmentId === protection.id);
    expect(own).toMatchObject({ status: 'fulfilled', evidenceType: 'concrete_action' });
    expect(commitments.map((option) => option.id)).toContain(protection.id);
    expect(await draftFromInboxItem(2_000_000_000, prisma)).toBeNull();
  });
});

describe('managing an outlet’s feeds', () => {
  it('checks the address, refuses a feed watched already, and makes the poll due when one is added', async () => {
    const user = await createTestUser(prisma, 'analyst');
    const outlet = await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } });
    const parse = (url: string) => addFeedSchema.safeParse({ outletId: String(outlet.id), url });
    expect(parse('ftp://example.com/feed.xml').error?.issues[0].message).toMatch(
      /Only http:\/\/ and https:\/\//,
    );
    expect(parse('not a url').success).toBe(false);
    expect(parse(`https://example.com/${'a'.repeat(2_100)}`).success).toBe(false);
    expect(parse('https://user:pw@example.com/feed').success).toBe(false);
    const url = `https://FEEDS.example/${unique('rss')}.xml#top`;
    const input = addFeedSchema.parse({ outletId: String(outlet.id), url });
    expect(input.url).toBe(url.replace('FEEDS', 'feeds').replace('#top', ''));

    await prisma.scheduledJob.upsert({
      where: { name: FEEDS_POLL_JOB },
      create: { name: FEEDS_POLL_JOB, dueAt: new Date(Date.now() + 3_600_000) },
      update: { dueAt: new Date(Date.now() + 3_600_000) },
    });
    const feed = await addOutletFeed(input, user.id, prisma);
    expect(
      (await prisma.scheduledJob.findUniqueOrThrow({ where: { name: FEEDS_POLL_JOB } })).dueAt.getTime(),
    ).toBeLessThanOrEqual(Date.now());
    const error = await addOutletFeed(input, user.id, prisma).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fieldErrors.url?.[0]).toContain(outlet.name);
    expect(
      await prisma.auditEvent.count({
        where: { entityType: 'OutletFeed', entityId: String(feed.id), actorId: user.id },
      }),
    ).toBe(1);
  });
});
