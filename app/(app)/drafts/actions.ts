'use server';
// "Start from an article": the draft of a new agreement or of a follow-up from pasted text or HTML, or from a page
// the server fetches. Authorised like saving the form it exists only to prefill; it reads the registry and writes
// nothing (hence no audit event). An address already logged as evidence is recognised before any fetch.
import * as z from 'zod';
import type { ArticleDraftResult, LoggedSource } from '@/components/drafts/agreement-draft';
import type { FollowUpDraftResult } from '@/components/drafts/follow-up-draft';
import { action } from '@/lib/auth/action';
import { findEvidenceByUrl, getCommitmentOptions, getEvidenceOrThrow } from '@/lib/data/evidence';
import type { OutletOption } from '@/lib/data/outlets';
import { db } from '@/lib/db';
import { normaliseUrl } from '@/lib/domain/url';
import { draftFromText } from '@/lib/draft/draft';
import { loadRegistry } from '@/lib/draft/registry';
import { AppError } from '@/lib/errors';
import { FetchRefusedError, fetchArticle } from '@/lib/fetch/article';

/** The largest paste read (a long article's HTML is well under it). */
const ARTICLE_MAX = 2_000_000;
const URL_MAX = 2_000;

const draftRequestSchema = z.object({
  article: z
    .string()
    .max(ARTICLE_MAX, { error: 'The pasted text is too long: paste the article alone.' })
    .default(''),
  url: z.string().trim().max(URL_MAX, { error: 'That address is too long.' }).default(''),
});

/** A paste that is a page rather than its text: read by Readability instead of line by line. */
function looksLikeHtml(text: string): boolean {
  return /^\s*</.test(text) && /<\/?(?:html|body|article|p|div|h1|meta)\b/i.test(text);
}

function urlError(message: string): AppError {
  return new AppError(message, { url: [message] });
}

type Source = { text?: string; html?: string; url?: string; logged: LoggedSource | null };

/**
 * What to draft from: the paste, else the page at `url` — unless the address is logged already, when its stored
 * title and excerpt stand for the page, which is not fetched again.
 */
async function articleSource(article: string, url: string): Promise<Source> {
  const pasted = article.trim();
  if (!pasted && !url) {
    const message = 'Paste the article’s text or HTML, or give its address, to make a draft.';
    throw new AppError(message, { article: [message] });
  }
  const source: Source = { ...(looksLikeHtml(pasted) ? { html: pasted } : { text: pasted }), logged: null };
  if (!url) return source;
  const address = normaliseUrl(url);
  if (!address) throw urlError('That is not a web address: enter one starting with https:// or http://.');
  source.url = address;
  const evidence = await findEvidenceByUrl(address);
  if (evidence) {
    source.logged = {
      id: evidence.id,
      url: evidence.url,
      title: evidence.title,
      outlet: evidence.outlet.name,
    };
    source.url = evidence.url;
    if (pasted) return source;
    const { title, excerpt } = await getEvidenceOrThrow(evidence.id);
    if (!excerpt?.trim())
      throw urlError(
        `This address is logged already as “${evidence.title}” (${evidence.outlet.name}), without its text: paste the article’s text above to draft from it.`,
      );
    return { ...source, text: `${title}\n\n${excerpt}`, html: undefined };
  }
  if (pasted) return source;
  try {
    const page = await fetchArticle(address);
    return page.contentType === 'text/html'
      ? { url: page.url, html: page.body, logged: null }
      : { url: page.url, text: page.body, logged: null };
  } catch (error) {
    if (error instanceof FetchRefusedError) throw urlError(error.message);
    throw error;
  }
}

export const draftAgreement = action(
  { permission: 'write', schema: draftRequestSchema },
  async ({ article, url }): Promise<ArticleDraftResult> => {
    const { logged, ...source } = await articleSource(article, url);
    const registry = await loadRegistry(db);
    const draft = draftFromText({ ...source, kind: 'agreement' }, registry);
    if (draft.kind !== 'agreement') throw new AppError('The draft is not an agreement’s.');
    return { draft, logged };
  },
);

/**
 * The draft of a follow-up, authorised like logging one. Each proposed commitment comes with its picker option, so
 * the form's rows show it chosen; an address already logged is left for the form to cite as its own lookup does.
 * A draft that bears on no commitment is still an answer: the form says so beside the article.
 */
export const draftFollowUp = action(
  { permission: 'write', schema: draftRequestSchema },
  async ({ article, url }): Promise<FollowUpDraftResult> => {
    const { logged, ...source } = await articleSource(article, url);
    const registry = await loadRegistry(db);
    const draft = draftFromText({ ...source, kind: 'follow-up' }, registry);
    if (draft.kind !== 'follow-up') throw new AppError('The draft is not a follow-up’s.');
    const options = await getCommitmentOptions(draft.commitments.map((row) => row.commitmentId));
    const outlet = draft.outlet?.value.id ? await findOutletOption(draft.outlet.value.id) : null;
    return {
      draft,
      logged,
      commitments: options,
      outlet,
    };
  },
);

async function findOutletOption(id: number): Promise<OutletOption | null> {
  return db.outlet.findFirst({
    where: { id, archivedAt: null },
    select: { id: true, name: true, defaultReliability: true },
  });
}
