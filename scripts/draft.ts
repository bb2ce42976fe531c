// `npm run draft -- --file article.txt [--kind agreement|follow-up] [--url U]`: prints the draft the extractor
// (lib/draft) makes of an article, as JSON, matched against DATABASE_URL's registry. Reads nothing from the web:
// a .html file is read as a page, anything else as plain text. Writes nothing.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../lib/generated/prisma/client.ts';
import { draftFromText } from '../lib/draft/draft.ts';
import { loadRegistry } from '../lib/draft/registry.ts';
import type { DraftKind } from '../lib/draft/types.ts';
import { scriptDatabaseUrl } from './env.ts';

const USAGE =
  'usage: npm run draft -- --file <article.txt|article.html> [--kind agreement|follow-up] [--url <URL>]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: { file: { type: 'string' }, kind: { type: 'string' }, url: { type: 'string' } },
});
if (!values.file) fail(USAGE);
const kind = (values.kind ?? 'agreement') as DraftKind;
if (kind !== 'agreement' && kind !== 'follow-up') fail(`Unknown kind "${values.kind}".\n${USAGE}`);

let content: string;
try {
  content = await readFile(values.file, 'utf8');
} catch (error) {
  fail(`Cannot read ${values.file}: ${(error as Error).message}`);
}
const isHtml = /\.x?html?$/i.test(values.file) || /^\s*<(?:!doctype|html)/i.test(content);

const prisma = new PrismaClient({
  adapter: new PrismaPg({ connectionString: await scriptDatabaseUrl(), max: 1 }),
});
try {
  const registry = await loadRegistry(prisma);
  const draft = draftFromText(
    { ...(isHtml ? { html: content } : { text: content }), url: values.url, kind },
    registry,
  );
  console.log(JSON.stringify(draft, null, 2));
} finally {
  await prisma.$disconnect();
}
