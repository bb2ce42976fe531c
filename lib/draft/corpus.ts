// The extractor's test corpus (tests/fixtures/articles): each article beside a JSON file with the draft expected
// of it, and the scoring both the tests and `npm run draft:eval` use. Parties and people are compared by name,
// dates as "which date = which day", an agreement's commitments by a phrase the proposed title must contain, a
// follow-up's by the registered commitment's title among the top-ranked (and, separately, whether the suggested status and evidence
// type are the expected ones).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Draft, DraftKind } from './types.ts';

export type ExpectedDraft = {
  parties: string[];
  people: string[];
  publishedOn: string | null;
  language: string;
  outlet?: string;
  agreementKind?: string;
  agreementDate?: string | null;
  place?: string;
  commitments: (
    { match: string } | { commitment: string; status: string; evidenceType: string; observedOn?: string }
  )[];
};

export type CorpusArticle = {
  name: string;
  kind: DraftKind;
  url?: string;
  text?: string;
  html?: string;
  expected: ExpectedDraft;
};

export async function loadCorpus(directory: string): Promise<CorpusArticle[]> {
  const files = (await readdir(directory)).sort();
  const articles: CorpusArticle[] = [];
  for (const file of files.filter((name) => name.endsWith('.json'))) {
    const base = file.slice(0, -'.json'.length);
    const spec = JSON.parse(await readFile(path.join(directory, file), 'utf8')) as {
      kind: DraftKind;
      url?: string;
      expected: ExpectedDraft;
    };
    const source = files.find((name) => name !== file && name.startsWith(`${base}.`));
    if (!source) throw new Error(`${file} has no article beside it`);
    const content = await readFile(path.join(directory, source), 'utf8');
    articles.push({
      name: base,
      kind: spec.kind,
      url: spec.url,
      ...(source.endsWith('.html') ? { html: content } : { text: content }),
      expected: spec.expected,
    });
  }
  return articles;
}

/** True positives, proposals and expectations of one measure; sums over articles. */
export type Tally = { hits: number; proposed: number; expected: number };

export type Score = {
  parties: Tally;
  people: Tally;
  dates: Tally;
  commitments: Tally;
  /** Follow-ups: of the expected commitments found, how many got the expected status and evidence type. */
  statuses: Tally;
  /** What was expected and not proposed, or proposed and not expected, for reading. */
  misses: string[];
};

const norm = (text: string) => text.toLowerCase().replace(/[’']/g, "'").trim();

function compareSets(proposed: string[], expected: string[], label: string, misses: string[]): Tally {
  const p = new Set(proposed.map(norm));
  const e = new Set(expected.map(norm));
  const hits = [...e].filter((name) => p.has(name)).length;
  for (const name of e) if (!p.has(name)) misses.push(`${label} missing: ${name}`);
  for (const name of p) if (!e.has(name)) misses.push(`${label} extra: ${name}`);
  return { hits, proposed: p.size, expected: e.size };
}

export function scoreDraft(draft: Draft, expected: ExpectedDraft): Score {
  const misses: string[] = [];
  const parties = compareSets(
    draft.parties.map((party) => party.name),
    expected.parties,
    'party',
    misses,
  );
  const people = compareSets(
    draft.people.map((person) => person.name),
    expected.people,
    'person',
    misses,
  );

  const proposedDates: string[] = [];
  const expectedDates: string[] = [];
  if (draft.publishedOn) proposedDates.push(`published ${draft.publishedOn.value}`);
  if (expected.publishedOn) expectedDates.push(`published ${expected.publishedOn}`);

  let commitments: Tally;
  const statuses: Tally = { hits: 0, proposed: 0, expected: 0 };
  if (draft.kind === 'agreement') {
    if (draft.agreement.date) proposedDates.push(`concluded ${draft.agreement.date.value}`);
    if (expected.agreementDate) expectedDates.push(`concluded ${expected.agreementDate}`);
    const wanted = expected.commitments.flatMap((c) => ('match' in c ? [c.match] : []));
    const free = draft.commitments.map((c) => c.title);
    let hits = 0;
    for (const phrase of wanted) {
      const at = free.findIndex((title) => norm(title).includes(norm(phrase)));
      if (at === -1) misses.push(`commitment missing: ${phrase}`);
      else {
        hits++;
        free.splice(at, 1);
      }
    }
    for (const title of free) misses.push(`commitment extra: ${title}`);
    commitments = { hits, proposed: draft.commitments.length, expected: wanted.length };
  } else {
    const wanted = expected.commitments.flatMap((c) => ('commitment' in c ? [c] : []));
    let hits = 0;
    // Found means ranked among the first as many as are expected: a right answer in fourth place is a miss.
    const top = draft.commitments.slice(0, wanted.length);
    for (const want of wanted) {
      const found = top.find((c) => norm(c.title) === norm(want.commitment));
      if (want.observedOn) expectedDates.push(`observed ${want.commitment} ${want.observedOn}`);
      if (!found) {
        misses.push(`commitment missing: ${want.commitment}`);
        continue;
      }
      hits++;
      statuses.expected++;
      statuses.proposed++;
      if (found.status === want.status && found.evidenceType === want.evidenceType) statuses.hits++;
      else
        misses.push(
          `status: ${want.commitment}: ${found.status}/${found.evidenceType}, expected ${want.status}/${want.evidenceType}`,
        );
    }
    for (const c of draft.commitments) {
      if (c.observedOn) proposedDates.push(`observed ${c.title} ${c.observedOn.value}`);
      if (!wanted.some((want) => norm(want.commitment) === norm(c.title)))
        misses.push(`commitment extra: ${c.title}`);
    }
    commitments = { hits, proposed: draft.commitments.length, expected: wanted.length };
  }
  const dates = compareSets(proposedDates, expectedDates, 'date', misses);
  return { parties, people, dates, commitments, statuses, misses };
}
