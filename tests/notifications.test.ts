// Notifications against a real database: the triggers of migration 20261203031500_notifications tell the
// followers of a commitment, of its agreement and of a party responsible for it (not the author, not a beneficiary's
// follower, not a deactivated account); a status change becomes one event with its update; an import is one event;
// the daily job writes each event once even when two instances run it at the same moment; unsubscribe tokens
// refuse tampering; the Atom feed parses with the user's entries.
import { parseAtomFeed } from 'feedsmith';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabaseClient } from '../lib/db-client.ts';
import { addDays, formatDay, parseDay, today } from '../lib/domain/dates.ts';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { writeDailyEvents } from '../lib/notify/daily-events.ts';
import { atomFeed } from '../lib/notify/feed.ts';
import { follow, unfollow } from '../lib/notify/follows.ts';
import {
  countUnread,
  createFeedToken,
  findFeedOwner,
  listNotifications,
  markAllRead,
  revokeFeedToken,
} from '../lib/notify/notifications.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '../lib/notify/tokens.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

const prisma = testPrisma();
const instances = [0, 1].map(() => createDatabaseClient({ connectionString: testDatabaseUrl(), max: 2 }));

afterAll(async () => {
  await Promise.all(instances.map((client) => client.$disconnect()));
  await prisma.$disconnect();
});

/** A commitment with a responsible party and a beneficiary, on its own agreement. */
async function world(data: { dueOn?: Date } = {}) {
  const category = await prisma.category.create({ data: { name: unique('Cat'), slug: unique('cat') } });
  const responsible = await prisma.party.create({ data: { name: unique('Ministry'), kind: 'state' } });
  const beneficiary = await prisma.party.create({ data: { name: unique('Beneficiary'), kind: 'state' } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  const commitment = await prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: unique('Protection unit'),
      dueOn: data.dueOn ?? null,
      parties: {
        create: [
          { partyId: responsible.id, role: 'responsible' },
          { partyId: beneficiary.id, role: 'beneficiary' },
        ],
      },
    },
  });
  return { agreement, commitment, responsible, beneficiary };
}

/** Who follows what, and an author who follows the commitment too. */
async function followers(w: Awaited<ReturnType<typeof world>>) {
  const [byCommitment, byAgreement, byParty, byBeneficiary, deactivated, author] = await Promise.all([
    createTestUser(prisma, 'viewer', { label: 'by-commitment' }),
    createTestUser(prisma, 'analyst', { label: 'by-agreement' }),
    createTestUser(prisma, 'viewer', { label: 'by-party' }),
    createTestUser(prisma, 'viewer', { label: 'by-beneficiary' }),
    createTestUser(prisma, 'viewer', { label: 'deactivated' }),
    createTestUser(prisma, 'analyst', { label: 'author' }),
  ]);
  await follow(prisma, byCommitment.id, 'commitment', w.commitment.id);
  await follow(prisma, byAgreement.id, 'agreement', w.agreement.id);
  await follow(prisma, byParty.id, 'party', w.responsible.id);
  await follow(prisma, byBeneficiary.id, 'party', w.beneficiary.id);
  await follow(prisma, deactivated.id, 'commitment', w.commitment.id);
  await prisma.user.update({ where: { id: deactivated.id }, data: { deactivatedAt: new Date() } });
  await follow(prisma, author.id, 'commitment', w.commitment.id);
  return { byCommitment, byAgreement, byParty, byBeneficiary, deactivated, author };
}

async function recipients(eventKey: string): Promise<string[]> {
  const rows = await prisma.notification.findMany({
    where: { event: { key: eventKey } },
    select: { userId: true },
  });
  return rows.map((row) => row.userId).sort();
}

describe('following', () => {
  it('follows once, unfollows, and audits both with the user as actor', async () => {
    const w = await world();
    const user = await createTestUser(prisma, 'viewer');
    await follow(prisma, user.id, 'agreement', w.agreement.id);
    await follow(prisma, user.id, 'agreement', w.agreement.id);
    expect(await prisma.follow.count({ where: { userId: user.id } })).toBe(1);
    await unfollow(prisma, user.id, 'agreement', w.agreement.id);
    expect(await prisma.follow.count({ where: { userId: user.id } })).toBe(0);
    const audits = await prisma.auditEvent.findMany({
      where: { actorId: user.id, entityType: 'Follow' },
      select: { action: true },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((audit) => audit.action)).toEqual(['follow', 'unfollow']);
  });

  it('refuses to follow what does not exist', async () => {
    const user = await createTestUser(prisma, 'viewer');
    await expect(follow(prisma, user.id, 'commitment', 999_999_999)).rejects.toThrow(/no longer exists/);
  });
});

describe('triggers', () => {
  it('tells the followers of the commitment, its agreement and its responsible party, not the author', async () => {
    const w = await world();
    const f = await followers(w);
    const expected = [f.byCommitment.id, f.byAgreement.id, f.byParty.id].sort();

    // The first assessment changes the status: one event, the status change, named after its update.
    const [first] = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, f.author.id, [
        { commitmentId: w.commitment.id, status: 'in_progress', observedOn: parseDay('2026-11-01') },
      ]),
    );
    const event = await prisma.notificationEvent.findUniqueOrThrow({ where: { key: `update:${first.id}` } });
    expect(event.kind).toBe('status_change');
    expect(event.statusUpdateId).toBe(first.id);
    expect(event.actorId).toBe(f.author.id);
    expect(event.summary).toBe(`${w.commitment.title}: status now in progress (by ${f.author.name})`);
    expect(await prisma.notificationEvent.count({ where: { commitmentId: w.commitment.id } })).toBe(1);
    expect(await recipients(event.key)).toEqual(expected);

    // A second assessment of the same status changes nothing: a plain follow-up event.
    const [second] = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, f.author.id, [
        { commitmentId: w.commitment.id, status: 'in_progress', observedOn: parseDay('2026-11-15') },
      ]),
    );
    const update = await prisma.notificationEvent.findUniqueOrThrow({
      where: { key: `update:${second.id}` },
    });
    expect(update.kind).toBe('status_update');
    expect(update.summary).toBe(`${w.commitment.title}: follow-up by ${f.author.name} (in progress)`);
    expect(await recipients(update.key)).toEqual(expected);
    expect(await countUnread(prisma, f.byParty.id)).toBe(2);
    expect(await countUnread(prisma, f.author.id)).toBe(0);
    expect(await countUnread(prisma, f.byBeneficiary.id)).toBe(0);
    expect(await countUnread(prisma, f.deactivated.id)).toBe(0);
  });

  it('tells of a status change written by plain SQL, once per transaction, to every follower', async () => {
    const w = await world();
    const f = await followers(w);
    await prisma.$executeRaw`UPDATE "Commitment" SET status = 'stalled' WHERE id = ${w.commitment.id}`;
    const events = await prisma.notificationEvent.findMany({ where: { commitmentId: w.commitment.id } });
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('status_change');
    expect(events[0].key).toMatch(new RegExp(`^status:${w.commitment.id}:\\d+$`));
    expect(events[0].summary).toBe(`${w.commitment.title}: status now stalled`);
    // Nobody made it through the app: the author (a follower too) is told as well.
    expect(await recipients(events[0].key)).toEqual(
      [f.byCommitment.id, f.byAgreement.id, f.byParty.id, f.author.id].sort(),
    );
    // Writing the same status again is no change.
    await prisma.$executeRaw`UPDATE "Commitment" SET status = 'stalled' WHERE id = ${w.commitment.id}`;
    expect(await prisma.notificationEvent.count({ where: { commitmentId: w.commitment.id } })).toBe(1);
  });

  it('folds an import into one event per import', async () => {
    const w = await world();
    const other = await prisma.commitment.create({
      data: { agreementId: w.agreement.id, categoryId: w.commitment.categoryId, title: unique('Other') },
    });
    const f = await followers(w);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('pactwatch.import', pg_current_xact_id()::text, true)`;
      await appendStatusUpdates(tx, f.author.id, [
        { commitmentId: w.commitment.id, status: 'in_progress', observedOn: parseDay('2026-10-01') },
        { commitmentId: other.id, status: 'not_started', observedOn: parseDay('2026-10-02') },
        { commitmentId: w.commitment.id, status: 'fulfilled', observedOn: parseDay('2026-10-03') },
      ]);
    });
    const events = await prisma.notificationEvent.findMany({
      where: { commitmentId: { in: [w.commitment.id, other.id] } },
    });
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('import');
    expect(events[0].summary).toContain(`imported from CSV by ${f.author.name}`);
    expect(await recipients(events[0].key)).toEqual(
      [f.byCommitment.id, f.byAgreement.id, f.byParty.id].sort(),
    );
  });

  it('writes nothing when nobody but the author follows', async () => {
    const w = await world();
    const author = await createTestUser(prisma, 'analyst');
    await follow(prisma, author.id, 'commitment', w.commitment.id);
    await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, author.id, [
        { commitmentId: w.commitment.id, status: 'in_progress', observedOn: parseDay('2026-11-01') },
      ]),
    );
    expect(await prisma.notificationEvent.count({ where: { commitmentId: w.commitment.id } })).toBe(0);
  });
});

describe('daily events', () => {
  it('writes each event once when two instances run the job at the same moment, and again never', async () => {
    const now = new Date();
    const day = today(now);
    const overdue = await world({ dueOn: addDays(day, -3) });
    const soon = await world({ dueOn: addDays(day, 5) });
    const unfollowed = await world({ dueOn: addDays(day, -3) });
    const reader = await createTestUser(prisma, 'viewer');
    await follow(prisma, reader.id, 'commitment', overdue.commitment.id);
    await follow(prisma, reader.id, 'agreement', soon.agreement.id);

    await Promise.all(instances.map((client) => writeDailyEvents(client, { now, staleAfterDays: 90 })));
    await Promise.all(instances.map((client) => writeDailyEvents(client, { now, staleAfterDays: 90 })));

    const events = await prisma.notificationEvent.findMany({
      where: { commitmentId: { in: [overdue.commitment.id, soon.commitment.id, unfollowed.commitment.id] } },
      select: { key: true, kind: true, summary: true },
      orderBy: { key: 'asc' },
    });
    expect(events).toEqual([
      {
        key: `due_soon:${soon.commitment.id}:${formatDay(addDays(day, 5))}`,
        kind: 'due_soon',
        summary: `${soon.commitment.title}: due on ${formatDay(addDays(day, 5))}`,
      },
      {
        key: `overdue:${overdue.commitment.id}:${formatDay(addDays(day, -3))}`,
        kind: 'overdue',
        summary: `${overdue.commitment.title}: overdue (due ${formatDay(addDays(day, -3))})`,
      },
    ]);
    expect(await prisma.notification.count({ where: { userId: reader.id } })).toBe(2);

    // Stale after 0 days: a new episode, once.
    await Promise.all(instances.map((client) => writeDailyEvents(client, { now, staleAfterDays: 0 })));
    await writeDailyEvents(prisma, { now: addDays(now, 1), staleAfterDays: 0 });
    expect(
      await prisma.notificationEvent.count({ where: { commitmentId: overdue.commitment.id, kind: 'stale' } }),
    ).toBe(1);
  });
});

describe('unsubscribe tokens', () => {
  it('names the user it was made for and refuses any tampering', () => {
    const secret = 'a'.repeat(40);
    const token = unsubscribeToken('user-123', secret);
    expect(verifyUnsubscribeToken(token, secret)).toBe('user-123');

    const [id, mac] = token.split('.');
    const otherId = Buffer.from('user-124').toString('base64url');
    expect(verifyUnsubscribeToken(`${otherId}.${mac}`, secret)).toBeNull();
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
    expect(verifyUnsubscribeToken(`${id}.${flipped}`, secret)).toBeNull();
    expect(verifyUnsubscribeToken(token, 'b'.repeat(40))).toBeNull();
    for (const junk of ['', '.', token + 'x', `${id}.`, `.${mac}`, `${id}.${mac}.${mac}`, '../../etc/passwd'])
      expect(verifyUnsubscribeToken(junk, secret)).toBeNull();
  });
});

describe('Atom feed', () => {
  it('is valid Atom with the user’s notifications, and the address stops working when revoked', async () => {
    const w = await world();
    const f = await followers(w);
    const [update] = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, f.author.id, [
        { commitmentId: w.commitment.id, status: 'in_progress', observedOn: parseDay('2026-11-01') },
      ]),
    );
    const token = await createFeedToken(prisma, f.byCommitment.id);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: f.byCommitment.id } });
    expect(stored.feedTokenHash).not.toContain(token);
    const owner = await findFeedOwner(prisma, token);
    expect(owner?.id).toBe(f.byCommitment.id);

    const { rows } = await listNotifications(prisma, owner!.id, 1, 50);
    const xml = atomFeed(
      owner!,
      rows,
      'https://pactwatch.example',
      `https://pactwatch.example/feeds/${token}.atom`,
    );
    expect(xml.startsWith('<?xml')).toBe(true);
    const feed = parseAtomFeed(xml);
    expect(feed.entries).toHaveLength(1);
    const title = feed.entries?.[0].title;
    expect(typeof title === 'string' ? title : title?.value).toBe(
      `${w.commitment.title}: status now in progress (by ${f.author.name})`,
    );
    expect(feed.entries?.[0].links?.[0].href).toBe(
      `https://pactwatch.example/commitments/${w.commitment.id}#update-${update.id}`,
    );

    await markAllRead(prisma, f.byCommitment.id);
    expect(await countUnread(prisma, f.byCommitment.id)).toBe(0);

    await revokeFeedToken(prisma, f.byCommitment.id);
    expect(await findFeedOwner(prisma, token)).toBeNull();
    expect(await findFeedOwner(prisma, 'not a token')).toBeNull();
  });
});
