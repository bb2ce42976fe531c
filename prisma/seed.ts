// The seed: one real agreement, from the Dunya News report of Mohsin Naqvi's meeting with Wang Xiaohong in
// Beijing, so a new install shows something true. Idempotent: every record is found by its natural key (party,
// person, outlet and category names or slugs, the evidence URL, the agreement title, the commitment title within
// its agreement) and only created when missing; records that exist are left as an analyst may have edited them.
// A commitment gets its first status update only if it has none citing the article yet.
//
// Run directly (`npm run db:seed`, reads DATABASE_URL) or call seed(url) (scripts/start.ts on first start).
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '../lib/generated/prisma/client.ts';
import type {
  CommitmentPartyRole,
  CommitmentStatus,
  PartyKind,
  Reliability,
} from '../lib/generated/prisma/enums.ts';
import { recordAudit } from '../lib/data/audit.ts';
import { appendStatusUpdates, type NewStatusUpdate } from '../lib/data/status-updates.ts';
import { formatDay, parseDay } from '../lib/domain/dates.ts';
import { requireDatabaseUrl } from '../scripts/env.ts';
import { SEED_ARTICLE_TEXT, SEED_ARTICLE_TITLE } from './seed-article.ts';

/** Serialises concurrent seeds (two instances starting at once): the agreement and commitments have no unique key. */
const SEED_LOCK_KEY = 72707370;

/**
 * The article has no URL in our copy, and inventing a dunyanews.tv address would be a guess. This internal URN is
 * stable (the natural key that makes the seed idempotent), can never be mistaken for a web page, and is accepted
 * unchanged by lib/domain/url.ts normaliseUrl (which keeps `urn:pactwatch:` references).
 */
export const SEED_ARTICLE_URL = 'urn:pactwatch:seed:dunya-news-naqvi-wang-beijing';

export const SEED_AGREEMENT_TITLE = 'Naqvi–Wang Xiaohong meeting on security cooperation, Beijing';

const CATEGORIES = [
  { slug: 'protection-unit', name: 'Protection unit' },
  { slug: 'rapid-response', name: 'Rapid response / counter-terrorism' },
  { slug: 'training-exchange', name: 'Training exchange' },
  { slug: 'information-exchange', name: 'Information exchange' },
  { slug: 'cybercrime', name: 'Cybercrime / NCCIA support' },
  { slug: 'visit-invitation', name: 'Visit or invitation' },
  { slug: 'other', name: 'Other' },
] as const;
type CategorySlug = (typeof CATEGORIES)[number]['slug'];

type PartyKey = 'PK' | 'CN' | 'PK_MOI' | 'CN_MPS' | 'NCCIA';
const PARTIES: {
  key: PartyKey;
  name: string;
  shortName: string | null;
  kind: PartyKind;
  country: string;
  parent?: PartyKey;
}[] = [
  { key: 'PK', name: 'Pakistan', shortName: null, kind: 'state', country: 'PK' },
  { key: 'CN', name: 'China', shortName: null, kind: 'state', country: 'CN' },
  {
    key: 'PK_MOI',
    name: "Pakistan's Ministry of Interior",
    shortName: 'MoI',
    kind: 'ministry',
    country: 'PK',
    parent: 'PK',
  },
  {
    key: 'CN_MPS',
    name: "China's Ministry of Public Security",
    shortName: 'MPS',
    kind: 'ministry',
    country: 'CN',
    parent: 'CN',
  },
  // The article names the agency but not where it sits; it is filed under the state, nothing more is claimed.
  {
    key: 'NCCIA',
    name: 'National Cyber Crimes Investigation Agency',
    shortName: 'NCCIA',
    kind: 'agency',
    country: 'PK',
    parent: 'PK',
  },
];

const PEOPLE: { name: string; title: string; party: PartyKey; role: string }[] = [
  {
    name: 'Mohsin Naqvi',
    title: 'Interior Minister',
    party: 'PK_MOI',
    role: "Pakistan's Interior Minister (visiting)",
  },
  {
    name: 'Wang Xiaohong',
    title: 'Minister of Public Security',
    party: 'CN_MPS',
    role: "China's Minister of Public Security (host)",
  },
];

// Admiralty source reliability (A completely reliable … F cannot be judged). Neither outlet has earned A, which
// the scale keeps for sources with a long record of being right every time:
const OUTLETS: {
  key: 'DUNYA' | 'PK_MOI_PRESS';
  name: string;
  website: string | null;
  reliability: Reliability;
}[] = [
  // B: an established national broadcaster; here it relays an official press release, so what it reports is
  // what the ministry said, but it adds no reporting of its own to check it against.
  { key: 'DUNYA', name: 'Dunya News', website: 'https://dunyanews.tv', reliability: 'B' },
  // B: the primary, authentic record of what its own minister said and agreed, but a party to the commitments
  // with an interest in presenting them well, so usually rather than completely reliable on outcomes.
  { key: 'PK_MOI_PRESS', name: "Pakistan's Interior Ministry press office", website: null, reliability: 'B' },
];

/**
 * The fact date of the article's updates, as much of it as the article supports (docs/decisions/
 * 009-fact-date-precision.md), never the day the seed runs:
 * - it prints no date; the meeting is reported in the past tense ("on Wednesday announced"), so the facts held by
 *   the day it was published;
 * - it sets a lower bound from its context (Naqvi as Interior Minister, Asif Ali Zardari as President and Shehbaz
 *   Sharif as Prime Minister all at once: from March 2024; the NCCIA already exists) but no upper bound of its own;
 * - the upper bound: Wang invites Naqvi to a forum "scheduled to be held in China this September", so the meeting
 *   came before the end of September of its year; our copy of the article is dated in this repository by
 *   27 November 2026 (the commit that added it), so that year is 2026 at the latest. Hence: undated, held no later
 *   than 30 September 2026.
 * An undated fact never outranks a dated one (lib/domain/status.ts compareUpdates): a dated follow-up, even one
 * older than this bound, becomes current, and "as of" any day from the bound on shows these statuses.
 */
export const SEED_FACT_PRECISION = 'unknown' as const;
export const SEED_FACT_NO_LATER_THAN = parseDay('2026-09-30');

/** Said with each of the article's updates, so the date is never read as the day the fact held. */
const OBSERVED_NOTE =
  'Undated: the article prints no date. The meeting came before the September forum it mentions, of 2026 at the latest (this copy of the article is dated by 27 Nov 2026), so the fact held no later than 30 Sep 2026.';

type CommitmentSeed = {
  key: string;
  title: string;
  description: string;
  category: CategorySlug;
  responsible: PartyKey[];
  beneficiary: PartyKey[];
  status: CommitmentStatus;
  /** Quotes the article, then the judgement. */
  reason: string;
  reciprocalOf?: string;
};

// Statuses rate what the article shows happened, not what was promised: "is being established" / "being taken"
// is in progress; "agreed to develop", "agreed on", "discussed", "aim" are not started. For the invitations the
// tracked outcome is the visit, not the invitation: the invitation was extended, the visit has not happened, so
// not started (in progress would claim the visit was under way).
const COMMITMENTS: CommitmentSeed[] = [
  {
    key: 'protection-unit',
    title: 'Special protection unit for Chinese nationals in Islamabad',
    description:
      'Pakistan is establishing a special protection unit in Islamabad to ensure the security of Chinese nationals in Pakistan, as announced by Interior Minister Mohsin Naqvi.',
    category: 'protection-unit',
    responsible: ['PK_MOI'],
    beneficiary: ['CN'],
    status: 'in_progress',
    reason:
      'Dunya News: Naqvi "announced that a special protection unit is being established in Islamabad to ensure the security of Chinese nationals in Pakistan." Being established: in progress; the unit is not yet reported as operating.',
  },
  {
    key: 'rapid-response',
    title: 'Joint rapid-response system to counter terrorism',
    description: 'Pakistan and China agreed to develop a joint rapid response system to counter terrorism.',
    category: 'rapid-response',
    responsible: ['PK_MOI', 'CN_MPS'],
    beneficiary: ['PK', 'CN'],
    status: 'not_started',
    reason:
      'Dunya News, citing the Interior Ministry press release: "the two leaders agreed to develop a joint rapid response system to counter terrorism." An agreement to develop it; nothing built yet: not started.',
  },
  {
    key: 'police-training',
    title: 'Expanded police training programmes',
    description:
      'Part of the joint rapid-response plan: expanded training programmes aimed at strengthening police capabilities.',
    category: 'training-exchange',
    responsible: ['PK_MOI', 'CN_MPS'],
    beneficiary: ['PK', 'CN'],
    status: 'not_started',
    reason:
      'Dunya News: the leaders agreed to develop the rapid response system "including expanded training programs aimed at strengthening police capabilities." Agreed to develop; no programme reported as expanded yet: not started.',
  },
  {
    key: 'professional-skills',
    title: 'Joint strategy on the professional skills of police and security personnel',
    description:
      'The ministers agreed on a joint strategy to improve the professional skills of police and security personnel.',
    category: 'training-exchange',
    responsible: ['PK_MOI', 'CN_MPS'],
    beneficiary: ['PK', 'CN'],
    status: 'not_started',
    reason:
      'Dunya News: "The ministers also agreed on a joint strategy to improve the professional skills of police and security personnel." A strategy agreed on, no step taken under it reported: not started.',
  },
  {
    key: 'information-exchange',
    title: 'Continuous information exchange between relevant institutions',
    description:
      'Both sides pledged to maintain a continuous exchange of information between relevant institutions of both countries.',
    category: 'information-exchange',
    responsible: ['PK_MOI', 'CN_MPS'],
    beneficiary: ['PK', 'CN'],
    status: 'in_progress',
    reason:
      'Dunya News: the ministers "pledged to maintain a continuous exchange of information between relevant institutions of both countries." To maintain is to keep up an exchange that already runs: in progress, on the ministers\' word only.',
  },
  {
    key: 'cybercrime-nccia',
    title: 'Cybercrime cooperation: Chinese expertise, including AI technologies, for the NCCIA',
    description:
      'Cooperation in cybercrime prevention; Pakistan aims to leverage Chinese expertise, including AI-based technologies, to enhance the capabilities of the National Cyber Crimes Investigation Agency (NCCIA).',
    category: 'cybercrime',
    responsible: ['CN_MPS', 'PK_MOI'],
    beneficiary: ['NCCIA'],
    status: 'not_started',
    reason:
      'Dunya News: "The two officials also discussed cooperation in cybercrime prevention. Naqvi highlighted Pakistan’s aim to leverage Chinese expertise to enhance the capabilities of the National Cyber Crimes Investigation Agency (NCCIA)." Discussed, an aim: not started.',
  },
  {
    key: 'invitation-wang',
    title: "Pakistan's invitation to Wang Xiaohong to visit Pakistan",
    description:
      "Interior Minister Mohsin Naqvi invited China's Minister of Public Security, Wang Xiaohong, to visit Pakistan. Tracked outcome: the visit takes place.",
    category: 'visit-invitation',
    responsible: ['PK_MOI'],
    beneficiary: ['CN_MPS'],
    status: 'not_started',
    reason:
      'Dunya News: "Naqvi also invited the Chinese minister to visit Pakistan." The invitation is made; the visit, which is what is tracked, has not happened and has no date: not started.',
  },
  {
    key: 'invitation-naqvi',
    title: "China's invitation to Mohsin Naqvi to the Global Security Cooperation Forum in September",
    description:
      'Wang Xiaohong invited Mohsin Naqvi to the Global Security Cooperation Forum to be held in China in September (the article does not give the year, so no due date is set). Tracked outcome: Naqvi attends.',
    category: 'visit-invitation',
    responsible: ['CN_MPS'],
    beneficiary: ['PK_MOI'],
    status: 'not_started',
    reason:
      'Dunya News: "Xiaohong, in turn, invited Naqvi to the Global Security Cooperation Forum scheduled to be held in China this September." The invitation is made; the attendance, which is what is tracked, is still ahead: not started.',
    reciprocalOf: 'invitation-wang',
  },
  {
    key: 'safeguard-citizens',
    title: 'Measures to safeguard Chinese citizens and projects in Pakistan',
    description:
      'Pakistan is taking measures to safeguard Chinese citizens in Pakistan; Naqvi: "The protection of Chinese citizens and projects of mutual interest remains our top priority."',
    category: 'other',
    responsible: ['PK_MOI'],
    beneficiary: ['CN'],
    status: 'in_progress',
    reason:
      'Dunya News: "Naqvi briefed Xiaohong on measures being taken to safeguard Chinese citizens in Pakistan, with the Chinese minister expressing satisfaction with the steps." Measures being taken: in progress, on Pakistan\'s own account.',
  },
];

type Tx = Prisma.TransactionClient;

/** Creates the record when `existing` is null, recording the creation in the audit trail (actor: the system). */
async function ensure<T extends { id: number }>(
  tx: Tx,
  created: Map<string, number>,
  entityType: string,
  existing: T | null,
  create: () => Promise<T>,
): Promise<T> {
  if (existing) return existing;
  const row = await create();
  await recordAudit(tx, {
    actorId: null,
    action: 'create',
    entityType,
    entityId: row.id,
    before: null,
    after: row,
  });
  created.set(entityType, (created.get(entityType) ?? 0) + 1);
  return row;
}

async function seedIn(tx: Tx, log: (line: string) => void): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
  const created = new Map<string, number>();

  const categories = new Map<CategorySlug, number>();
  for (const [position, { slug, name }] of CATEGORIES.entries()) {
    const existing = await tx.category.findFirst({ where: { OR: [{ slug }, { name }] } });
    const category = await ensure(tx, created, 'Category', existing, () =>
      tx.category.create({ data: { slug, name, position: (position + 1) * 10 } }),
    );
    categories.set(slug, category.id);
  }

  const parties = new Map<PartyKey, number>();
  const partyId = (key: PartyKey) => parties.get(key)!;
  for (const party of PARTIES) {
    const parentId = party.parent ? partyId(party.parent) : null;
    const existing = await tx.party.findFirst({ where: { name: party.name, parentId } });
    const row = await ensure(tx, created, 'Party', existing, () =>
      tx.party.create({
        data: {
          name: party.name,
          shortName: party.shortName,
          kind: party.kind,
          countryCode: party.country,
          parentId,
        },
      }),
    );
    parties.set(party.key, row.id);
  }

  const people = new Map<string, number>();
  for (const person of PEOPLE) {
    const existing = await tx.person.findUnique({ where: { name: person.name } });
    const row = await ensure(tx, created, 'Person', existing, () =>
      tx.person.create({ data: { name: person.name, title: person.title, partyId: partyId(person.party) } }),
    );
    people.set(person.name, row.id);
  }

  const outlets = new Map<string, number>();
  for (const outlet of OUTLETS) {
    const existing = await tx.outlet.findUnique({ where: { name: outlet.name } });
    const row = await ensure(tx, created, 'Outlet', existing, () =>
      tx.outlet.create({
        data: { name: outlet.name, website: outlet.website, defaultReliability: outlet.reliability },
      }),
    );
    outlets.set(outlet.key, row.id);
  }

  const article = await ensure(
    tx,
    created,
    'Evidence',
    await tx.evidence.findUnique({ where: { url: SEED_ARTICLE_URL } }),
    () =>
      tx.evidence.create({
        data: {
          url: SEED_ARTICLE_URL,
          outletId: outlets.get('DUNYA')!,
          title: SEED_ARTICLE_TITLE,
          language: 'en',
          publishedOn: null, // undated in our copy; never guessed
          excerpt: SEED_ARTICLE_TEXT,
          excerptHash: createHash('sha256').update(SEED_ARTICLE_TEXT).digest('hex'),
          reliability: 'B', // Dunya News' default
          // Credibility 2, "probably true": it reproduces an official press release faithfully as to what was
          // announced, but no second, independent source (e.g. the Chinese ministry's readout) confirms it here.
          credibility: 2,
          type: 'announcement',
        },
      }),
  );

  const agreement = await ensure(
    tx,
    created,
    'Agreement',
    await tx.agreement.findFirst({ where: { title: SEED_AGREEMENT_TITLE }, orderBy: { id: 'asc' } }),
    () =>
      tx.agreement.create({
        data: {
          title: SEED_AGREEMENT_TITLE,
          kind: 'meeting_outcome',
          // The article says only "on Wednesday": no date is recorded rather than a guessed one.
          concludedOn: null,
          concludedPrecision: 'unknown',
          place: 'Ministry of Public Security headquarters, Beijing',
          summary:
            "Pakistan's Interior Minister Mohsin Naqvi met China's Minister of Public Security Wang Xiaohong in Beijing. " +
            'They agreed to develop a joint rapid-response counter-terrorism system with expanded police training, agreed on ' +
            'a joint strategy for the professional skills of police and security personnel, pledged continuous information ' +
            'exchange, discussed cybercrime cooperation for the NCCIA, and invited each other: Wang to Pakistan, Naqvi to the ' +
            'Global Security Cooperation Forum. Pakistan announced a special protection unit for Chinese nationals in ' +
            'Islamabad. Reported by Dunya News from an Interior Ministry press release; the report gives the day only as a Wednesday.',
          parties: {
            create: [
              { partyId: partyId('PK'), role: 'participant' },
              { partyId: partyId('PK_MOI'), role: 'participant' },
              { partyId: partyId('CN'), role: 'host' },
              { partyId: partyId('CN_MPS'), role: 'host' },
            ],
          },
          people: {
            create: PEOPLE.map((person) => ({ personId: people.get(person.name)!, role: person.role })),
          },
          sources: { create: [{ evidenceId: article.id }] },
        },
        include: { parties: true, people: true, sources: true },
      }),
  );

  const commitments = new Map<string, number>();
  for (const seed of COMMITMENTS) {
    const existing = await tx.commitment.findFirst({
      where: { agreementId: agreement.id, title: seed.title },
      orderBy: { id: 'asc' },
    });
    const row = await ensure(tx, created, 'Commitment', existing, () =>
      tx.commitment.create({
        data: {
          agreementId: agreement.id,
          title: seed.title,
          description: seed.description,
          categoryId: categories.get(seed.category)!,
          reciprocalOfId: seed.reciprocalOf ? commitments.get(seed.reciprocalOf) : null,
          parties: {
            create: [
              ...seed.responsible.map((key) => ({
                partyId: partyId(key),
                role: 'responsible' as CommitmentPartyRole,
              })),
              ...seed.beneficiary.map((key) => ({
                partyId: partyId(key),
                role: 'beneficiary' as CommitmentPartyRole,
              })),
            ],
          },
        },
        include: { parties: true },
      }),
    );
    commitments.set(seed.key, row.id);
  }

  // First status update per commitment, unless one already cites the article (a second run adds nothing).
  const alreadyLogged = await tx.statusUpdate.findMany({
    where: { evidenceId: article.id, commitmentId: { in: [...commitments.values()] } },
    select: { commitmentId: true },
  });
  const logged = new Set(alreadyLogged.map((row) => row.commitmentId));
  const observedOn = SEED_FACT_NO_LATER_THAN;
  const updates: NewStatusUpdate[] = COMMITMENTS.filter(
    (seed) => !logged.has(commitments.get(seed.key)!),
  ).map((seed) => ({
    commitmentId: commitments.get(seed.key)!,
    status: seed.status,
    reason: `${seed.reason} ${OBSERVED_NOTE}`,
    evidenceId: article.id,
    observedOn,
    observedPrecision: SEED_FACT_PRECISION,
  }));
  await appendStatusUpdates(tx, null, updates);

  const summary = [...created.entries()].map(([type, count]) => `${count} ${type}`);
  if (updates.length)
    summary.push(`${updates.length} StatusUpdate (undated, observed by ${formatDay(observedOn)})`);
  log(summary.length ? `seed: created ${summary.join(', ')}` : 'seed: already seeded, nothing to add');
}

/** Loads the seed agreement into the database at `connectionString`, in one transaction. */
export async function seed(connectionString: string, log: (line: string) => void = () => {}): Promise<void> {
  // One connection: the seed is a single transaction (and the embedded server limits connections).
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 1 }) });
  try {
    await prisma.$transaction((tx) => seedIn(tx, log), { maxWait: 30_000, timeout: 120_000 });
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: this module is also imported by scripts and tests.
  seed(requireDatabaseUrl(), (line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
