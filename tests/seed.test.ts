// The seed is idempotent and loads the seed article's agreement with a status on every commitment.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseUrl } from '../lib/domain/url.ts';
import { addDays, parseDay, today, UNDATED_FROM } from '../lib/domain/dates.ts';
import { currentStatus, deriveStatus, statusAsOf } from '../lib/domain/status.ts';
import {
  seed,
  SEED_AGREEMENT_TITLE,
  SEED_ARTICLE_URL,
  SEED_FACT_NO_LATER_THAN,
  SEED_FACT_PRECISION,
} from '../prisma/seed.ts';
import { testDatabaseUrl, testPrisma } from './support/db.ts';

const prisma = testPrisma();

/** Row counts of everything the seed writes (other test files may add rows at the same time, hence the filters). */
async function seedCounts() {
  const agreements = await prisma.agreement.findMany({
    where: { title: SEED_AGREEMENT_TITLE },
    select: { id: true },
  });
  const agreementIds = agreements.map((a) => a.id);
  const evidence = await prisma.evidence.findMany({ where: { url: SEED_ARTICLE_URL }, select: { id: true } });
  return {
    agreements: agreements.length,
    evidence: evidence.length,
    commitments: await prisma.commitment.count({ where: { agreementId: { in: agreementIds } } }),
    commitmentParties: await prisma.commitmentParty.count({
      where: { commitment: { agreementId: { in: agreementIds } } },
    }),
    statusUpdates: await prisma.statusUpdate.count({
      where: { commitment: { agreementId: { in: agreementIds } } },
    }),
    partyStatuses: await prisma.commitmentPartyStatus.count({
      where: { commitment: { agreementId: { in: agreementIds } } },
    }),
    agreementParties: await prisma.agreementParty.count({ where: { agreementId: { in: agreementIds } } }),
    agreementPeople: await prisma.agreementPerson.count({ where: { agreementId: { in: agreementIds } } }),
    agreementSources: await prisma.agreementSource.count({ where: { agreementId: { in: agreementIds } } }),
    parties: await prisma.party.count({
      where: {
        name: {
          in: [
            'Pakistan',
            'China',
            "Pakistan's Ministry of Interior",
            "China's Ministry of Public Security",
            'National Cyber Crimes Investigation Agency',
          ],
        },
      },
    }),
    people: await prisma.person.count({ where: { name: { in: ['Mohsin Naqvi', 'Wang Xiaohong'] } } }),
    outlets: await prisma.outlet.count({
      where: { name: { in: ['Dunya News', "Pakistan's Interior Ministry press office"] } },
    }),
    categories: await prisma.category.count({
      where: {
        slug: {
          in: [
            'protection-unit',
            'rapid-response',
            'training-exchange',
            'information-exchange',
            'cybercrime',
            'visit-invitation',
            'other',
          ],
        },
      },
    }),
  };
}

const lines: string[] = [];
let afterFirst: Awaited<ReturnType<typeof seedCounts>>;
let afterSecond: Awaited<ReturnType<typeof seedCounts>>;

beforeAll(async () => {
  await seed(testDatabaseUrl(), (line) => lines.push(line));
  afterFirst = await seedCounts();
  await seed(testDatabaseUrl(), (line) => lines.push(line));
  afterSecond = await seedCounts();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('seed', () => {
  it('is idempotent: a second run adds nothing', () => {
    expect(afterSecond).toEqual(afterFirst);
    expect(lines.at(-1)).toBe('seed: already seeded, nothing to add');
  });

  it('loads one agreement, its source, parties, people, outlets and categories', async () => {
    expect(afterFirst).toMatchObject({
      agreements: 1,
      evidence: 1,
      agreementSources: 1,
      parties: 5,
      people: 2,
      outlets: 2,
      categories: 7,
    });
    const agreement = await prisma.agreement.findFirstOrThrow({
      where: { title: SEED_AGREEMENT_TITLE },
      include: {
        parties: { include: { party: true } },
        people: { include: { person: true } },
        sources: true,
      },
    });
    expect(agreement).toMatchObject({
      kind: 'meeting_outcome',
      concludedOn: null,
      concludedPrecision: 'unknown',
      place: 'Ministry of Public Security headquarters, Beijing',
    });
    expect(agreement.parties.map((p) => [p.party.name, p.role]).sort()).toEqual(
      [
        ['China', 'host'],
        ["China's Ministry of Public Security", 'host'],
        ['Pakistan', 'participant'],
        ["Pakistan's Ministry of Interior", 'participant'],
      ].sort(),
    );
    expect(agreement.people.map((p) => p.person.name).sort()).toEqual(['Mohsin Naqvi', 'Wang Xiaohong']);

    const nccia = await prisma.party.findFirstOrThrow({
      where: { name: 'National Cyber Crimes Investigation Agency' },
      include: { parent: true },
    });
    expect(nccia).toMatchObject({ kind: 'agency', shortName: 'NCCIA', parent: { name: 'Pakistan' } });
  });

  it('stores the article as graded, hashed, undated evidence under a URL the app accepts', async () => {
    const evidence = await prisma.evidence.findUniqueOrThrow({
      where: { url: SEED_ARTICLE_URL },
      include: { outlet: true },
    });
    expect(normaliseUrl(SEED_ARTICLE_URL)).toBe(SEED_ARTICLE_URL);
    expect(evidence).toMatchObject({
      publishedOn: null,
      language: 'en',
      type: 'announcement',
      reliability: 'B',
      outlet: { name: 'Dunya News', defaultReliability: 'B' },
    });
    expect(evidence.credibility).toBeGreaterThanOrEqual(1);
    expect(evidence.credibility).toBeLessThanOrEqual(3);
    expect(evidence.excerpt).toContain('a special protection unit is being established in Islamabad');
    expect(evidence.excerpt).toContain('Global Security Cooperation Forum');
    expect(evidence.excerptHash).toBe(createHash('sha256').update(evidence.excerpt!).digest('hex'));
  });

  it('gives at least 8 commitments parties, a category and a first status citing the article', async () => {
    const commitments = await prisma.commitment.findMany({
      where: { agreement: { title: SEED_AGREEMENT_TITLE } },
      include: {
        parties: true,
        statusUpdates: { include: { evidence: true } },
        category: true,
        partyStatuses: true,
      },
    });
    expect(commitments.length).toBeGreaterThanOrEqual(8);
    for (const commitment of commitments) {
      expect(commitment.status, commitment.title).not.toBe('no_evidence');
      expect(
        commitment.parties.some((p) => p.role === 'responsible'),
        commitment.title,
      ).toBe(true);
      expect(
        commitment.parties.some((p) => p.role === 'beneficiary'),
        commitment.title,
      ).toBe(true);
      expect(commitment.statusUpdates).toHaveLength(1);
      const [update] = commitment.statusUpdates;
      expect(update.evidence?.url).toBe(SEED_ARTICLE_URL);
      expect(update.reason).toMatch(/"/); // quotes the article
      // The cache was filled through appendStatusUpdates.
      expect({
        status: commitment.status,
        since: commitment.statusSince,
        lastObservedOn: commitment.lastEvidenceOn,
      }).toEqual(deriveStatus(commitment.statusUpdates));
      expect(commitment.partyStatuses).toHaveLength(
        commitment.parties.filter((p) => p.role === 'responsible').length,
      );
    }
    const statusOf = (fragment: string) => commitments.find((c) => c.title.includes(fragment))?.status;
    expect(statusOf('protection unit')).toBe('in_progress');
    expect(statusOf('rapid-response')).toBe('not_started');
    expect(statusOf('invitation to Wang')).toBe('not_started');
    expect(new Set(commitments.map((c) => c.category.slug)).size).toBeGreaterThanOrEqual(6);
  });

  it('links the two invitations as a reciprocal pair, both ways', async () => {
    const toWang = await prisma.commitment.findFirstOrThrow({
      where: {
        agreement: { title: SEED_AGREEMENT_TITLE },
        title: { contains: 'invitation to Wang Xiaohong' },
      },
      include: { reciprocalOf: true, reciprocatedBy: true },
    });
    const toNaqvi = await prisma.commitment.findFirstOrThrow({
      where: {
        agreement: { title: SEED_AGREEMENT_TITLE },
        title: { contains: 'invitation to Mohsin Naqvi' },
      },
      include: { reciprocalOf: true, reciprocatedBy: true },
    });
    expect(toNaqvi.reciprocalOf?.id).toBe(toWang.id);
    expect(toWang.reciprocatedBy?.id).toBe(toNaqvi.id);
  });

  it('records the creations in the audit trail', async () => {
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { url: SEED_ARTICLE_URL } });
    const events = await prisma.auditEvent.count({
      where: { entityType: 'Evidence', entityId: String(evidence.id), action: 'create' },
    });
    expect(events).toBe(1);
    const updates = await prisma.statusUpdate.findMany({
      where: { evidenceId: evidence.id },
      select: { id: true },
    });
    const updateEvents = await prisma.auditEvent.count({
      where: { entityType: 'StatusUpdate', entityId: { in: updates.map((u) => String(u.id)) } },
    });
    expect(updateEvents).toBe(updates.length);
  });

  it("dates the article's updates by what it supports (undated, by 30 Sep 2026), not by the day it ran", async () => {
    const commitments = await prisma.commitment.findMany({
      where: { agreement: { title: SEED_AGREEMENT_TITLE } },
      include: { statusUpdates: true },
    });
    for (const commitment of commitments) {
      const [update] = commitment.statusUpdates;
      expect(update, commitment.title).toMatchObject({
        observedPrecision: SEED_FACT_PRECISION,
        observedOn: SEED_FACT_NO_LATER_THAN,
        observedFrom: UNDATED_FROM,
      });
      expect(update.reason).toMatch(/Undated: the article prints no date/);
      // As of any day from the bound on, the seeded status; before it, nothing is known yet.
      expect(statusAsOf(commitment.statusUpdates, parseDay('2026-10-01'))).toBe(commitment.status);
      expect(statusAsOf(commitment.statusUpdates, parseDay('2026-09-29'))).toBe('no_evidence');
      // A dated follow-up published a week before today becomes current, whatever it says.
      const weekAgo = addDays(today(), -7);
      const dated = {
        id: update.id + 1_000_000,
        status: 'fulfilled' as const,
        observedOn: weekAgo,
        observedFrom: weekAgo,
        createdAt: new Date(),
      };
      expect(currentStatus([...commitment.statusUpdates, dated])).toBe('fulfilled');
    }
  });
});
