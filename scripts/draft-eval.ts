// `npm run draft:eval [-- --verbose]`: runs the draft extractor (lib/draft) over the corpus in
// tests/fixtures/articles against DATABASE_URL's registry (load the seed first: `npm run db:seed`) and prints the
// precision and recall of parties, people, dates and commitments, per article and in total.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { loadCorpus, scoreDraft, type Score, type Tally } from '../lib/draft/corpus.ts';
import { draftFromText } from '../lib/draft/draft.ts';
import { loadRegistry } from '../lib/draft/registry.ts';
import { scriptDatabaseUrl } from './env.ts';

const CORPUS = fileURLToPath(new URL('../tests/fixtures/articles', import.meta.url));
const MEASURES = ['parties', 'people', 'dates', 'commitments', 'statuses'] as const;

const { values } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' } } });

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(0)}%` : '—');
const cell = (tally: Tally) =>
  `P ${percent(tally.hits, tally.proposed).padStart(4)} R ${percent(tally.hits, tally.expected).padStart(4)}`;

const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: await scriptDatabaseUrl(), max: 1 }),
});
try {
  const registry = await loadRegistry(prisma);
  const articles = await loadCorpus(CORPUS);
  const total: Record<(typeof MEASURES)[number], Tally> = Object.fromEntries(
    MEASURES.map((measure) => [measure, { hits: 0, proposed: 0, expected: 0 }]),
  ) as Record<(typeof MEASURES)[number], Tally>;
  console.log(`${'article'.padEnd(40)} ${MEASURES.map((m) => m.padEnd(15)).join(' ')}`);
  for (const article of articles) {
    const draft = draftFromText(
      { text: article.text, html: article.html, url: article.url, kind: article.kind },
      registry,
    );
    const score: Score = scoreDraft(draft, article.expected);
    for (const measure of MEASURES) {
      total[measure].hits += score[measure].hits;
      total[measure].proposed += score[measure].proposed;
      total[measure].expected += score[measure].expected;
    }
    console.log(`${article.name.padEnd(40)} ${MEASURES.map((m) => cell(score[m]).padEnd(15)).join(' ')}`);
    if (values.verbose) for (const miss of score.misses) console.log(`    ${miss}`);
  }
  console.log(`${'all'.padEnd(40)} ${MEASURES.map((m) => cell(total[m]).padEnd(15)).join(' ')}`);
  console.log(
    `(${articles.length} articles in ${path.relative(process.cwd(), CORPUS)}; P precision, R recall)`,
  );
} finally {
  await prisma.$disconnect();
}
