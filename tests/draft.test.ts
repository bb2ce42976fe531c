// The draft extractor (lib/draft) on the seed's registry in a real database: the "done when" for the seed
// article and a follow-up, and every article of the corpus in tests/fixtures/articles giving its expected draft.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, scoreDraft, type CorpusArticle } from '../lib/draft/corpus.ts';
import { draftFromText } from '../lib/draft/draft.ts';
import { loadRegistry } from '../lib/draft/registry.ts';
import type { AgreementDraft, FollowUpDraft, Registry } from '../lib/draft/types.ts';
import { SEED_ARTICLE_TEXT } from '../prisma/seed-article.ts';
import { seed, SEED_AGREEMENT_TITLE } from '../prisma/seed.ts';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { migrate } from '../lib/migrations.ts';
import { testDatabaseUrl } from './support/db.ts';

let prisma: PrismaClient;
let databaseUrl: string;
let registry: Registry;
let corpus: CorpusArticle[];

/** Runs `sql` on the test server outside any database of ours (CREATE/DROP DATABASE). */
async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

// A database of this file's own holding the seed and nothing else: the registry is what the extractor matches
// names against, and the other test files' parties (`Türkiye <suffix>`…) would otherwise be matched instead.
beforeAll(async () => {
  const url = new URL(testDatabaseUrl());
  const name = `${url.pathname.slice(1)}_draft_${randomBytes(3).toString('hex')}`.slice(0, 63);
  await onServer(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  await migrate(databaseUrl);
  await seed(databaseUrl);
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  registry = await loadRegistry(prisma);
  corpus = await loadCorpus(path.join(import.meta.dirname, 'fixtures/articles'));
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  if (databaseUrl)
    await onServer(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
});

async function seedCommitmentId(title: string): Promise<number> {
  const row = await prisma.commitment.findFirstOrThrow({
    where: { title, agreement: { title: SEED_AGREEMENT_TITLE } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  return row.id;
}

describe('the seed article as a new agreement', () => {
  let draft: AgreementDraft;
  beforeAll(() => {
    draft = draftFromText({ text: SEED_ARTICLE_TEXT, kind: 'agreement' }, registry) as AgreementDraft;
  });

  it('proposes Pakistan and China, both interior ministries and both ministers, from the registry', async () => {
    const names = draft.parties.map((party) => party.name);
    for (const name of [
      'Pakistan',
      'China',
      "Pakistan's Ministry of Interior",
      "China's Ministry of Public Security",
    ]) {
      expect(names).toContain(name);
      const party = draft.parties.find((p) => p.name === name)!;
      expect(party.id, name).toBe((await prisma.party.findFirstOrThrow({ where: { name } })).id);
      expect(SEED_ARTICLE_TEXT).toContain(party.why.sentence);
    }
    const people = draft.people.filter((person) => person.id !== null).map((person) => person.name);
    expect(people).toEqual(expect.arrayContaining(['Mohsin Naqvi', 'Wang Xiaohong']));
    // Named in the article, not in the registry: offered as new.
    expect(draft.people.find((person) => person.name === 'Shehbaz Sharif')).toMatchObject({
      id: null,
      title: 'Prime Minister',
    });
  });

  it('proposes Beijing as the place, a meeting as the kind, and no date (the article prints none)', () => {
    expect(draft.agreement.place?.value).toBe('Beijing');
    expect(draft.agreement.place?.why.sentence).toContain('in Beijing');
    expect(draft.agreement.kind?.value).toBe('meeting_outcome');
    expect(draft.agreement.date).toBeNull();
    expect(draft.publishedOn).toBeNull();
    expect(draft.language?.value).toBe('en');
    expect(draft.outlet?.value.name).toBe('Dunya News');
  });

  it('proposes at least 7 of the seed’s 9 commitments, each with the sentence it came from', () => {
    const seedCommitments = [
      'special protection unit',
      'rapid response system',
      'expanded training programs',
      'professional skills',
      'exchange of information',
      'National Cyber Crimes Investigation Agency',
      'Chinese minister to visit Pakistan',
      'Global Security Cooperation Forum',
      'safeguard Chinese citizens',
    ];
    const found = seedCommitments.filter((phrase) =>
      draft.commitments.some((c) => c.title.toLowerCase().includes(phrase.toLowerCase())),
    );
    expect(found.length).toBeGreaterThanOrEqual(7);
    for (const commitment of draft.commitments) {
      expect(SEED_ARTICLE_TEXT).toContain(commitment.sentence);
      expect(commitment.why.rule).toBeTruthy();
      expect(commitment.responsible.length).toBeGreaterThan(0);
    }
    const unit = draft.commitments.find((c) => /protection unit/i.test(c.title))!;
    expect(unit.responsible.map((p) => p.name)).toEqual(["Pakistan's Ministry of Interior"]);
    expect(unit.beneficiary.map((p) => p.name)).toEqual(['China']);
    expect(unit.category?.name).toBe('Protection unit');
    const invitation = draft.commitments.find((c) => /Global Security Cooperation Forum/.test(c.title))!;
    expect(invitation.responsible.map((p) => p.name)).toEqual(["China's Ministry of Public Security"]);
    expect(invitation.beneficiary.map((p) => p.name)).toEqual(["Pakistan's Ministry of Interior"]);
  });
});

describe('a follow-up', () => {
  it('about the protection unit being set up proposes that commitment with an action-type status change', async () => {
    const text = [
      'Protection unit for Chinese nationals set up in Islamabad',
      'ISLAMABAD, October 5, 2026 (Dunya News) - The Interior Ministry has set up the special protection unit for Chinese nationals in Islamabad, officials said on Monday.',
    ].join('\n\n');
    const draft = draftFromText({ text, kind: 'follow-up' }, registry) as FollowUpDraft;
    const first = draft.commitments[0];
    expect(first.commitmentId).toBe(
      await seedCommitmentId('Special protection unit for Chinese nationals in Islamabad'),
    );
    expect(first).toMatchObject({
      status: 'fulfilled',
      evidenceType: 'concrete_action',
      updateKind: 'assessment',
    });
    expect(first.why.matched).toMatch(/has set up/);
    expect(text).toContain(first.sentence);
    expect(draft.publishedOn?.value).toBe('2026-10-05');
  });

  it('that says the unit will be established suggests an announcement', () => {
    const text =
      'Pakistan will establish a special protection unit for Chinese nationals in Islamabad, the Interior Ministry said.';
    const draft = draftFromText({ text, kind: 'follow-up' }, registry) as FollowUpDraft;
    expect(draft.commitments[0]).toMatchObject({ evidenceType: 'announcement' });
  });
});

describe('the corpus', () => {
  it('has at least 12 articles, one of them HTML and one not in English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
    expect(corpus.some((article) => article.html)).toBe(true);
    expect(corpus.some((article) => article.expected.language !== 'en')).toBe(true);
  });

  it('gives every article its expected parties, people, dates, language and commitments', () => {
    const failures: string[] = [];
    for (const article of corpus) {
      const draft = draftFromText(
        { text: article.text, html: article.html, url: article.url, kind: article.kind },
        registry,
      );
      const score = scoreDraft(draft, article.expected);
      for (const miss of score.misses.filter((m) => / missing: |^status: /.test(m))) {
        failures.push(`${article.name}: ${miss}`);
      }
      if (draft.language?.value !== article.expected.language) {
        failures.push(
          `${article.name}: language ${draft.language?.value}, expected ${article.expected.language}`,
        );
      }
      if (draft.kind === 'agreement') {
        if (article.expected.place && draft.agreement.place?.value !== article.expected.place) {
          failures.push(`${article.name}: place ${draft.agreement.place?.value}`);
        }
        if (
          article.expected.agreementKind &&
          draft.agreement.kind?.value !== article.expected.agreementKind
        ) {
          failures.push(`${article.name}: kind ${draft.agreement.kind?.value}`);
        }
      }
      if (!article.expected.publishedOn && draft.publishedOn) {
        failures.push(`${article.name}: published ${draft.publishedOn.value}, expected none`);
      }
      if (article.expected.outlet && draft.outlet?.value.name !== article.expected.outlet) {
        failures.push(`${article.name}: outlet ${draft.outlet?.value.name}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
