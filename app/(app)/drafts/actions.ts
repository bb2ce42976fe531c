'use server';
// "Start from an article": the draft of a new agreement from pasted text or HTML, or from a page the server
// fetches. Authorised like creating the agreement, since it exists only to prefill that form; it reads the registry
// and writes nothing (hence no audit event). An address already logged as evidence is recognised before any fetch.
import * as z from 'zod';
import type { ArticleDraftResult, LoggedSource } from '@/components/drafts/agreement-draft';
import { action } from '@/lib/auth/action';
import { findEvidenceByUrl, getEvidenceOrThrow } from '@/lib/data/evidence';
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

export const draftAgreement = action(
  { permission: 'write', schema: draftRequestSchema },
  async ({ article, url }): Promise<ArticleDraftResult> => {
    const pasted = article.trim();
    if (!pasted && !url) {
      const message = 'Paste the article’s text or HTML, or give its address, to make a draft.';
      throw new AppError(message, { article: [message] });
    }
    let address: string | undefined;
    let logged: LoggedSource | null = null;
    let source: { text?: string; html?: string } = looksLikeHtml(pasted)
      ? { html: pasted }
      : { text: pasted };
    if (url) {
      address = normaliseUrl(url) ?? undefined;
      if (!address) throw urlError('That is not a web address: enter one starting with https:// or http://.');
      const evidence = await findEvidenceByUrl(address);
      if (evidence) {
        logged = { id: evidence.id, url: evidence.url, title: evidence.title, outlet: evidence.outlet.name };
        address = evidence.url;
        if (!pasted) {
          // Logged already: its stored title and excerpt stand for the page, which is not fetched again.
          const { title, excerpt } = await getEvidenceOrThrow(evidence.id);
          if (!excerpt?.trim())
            throw urlError(
              `This address is logged already as “${evidence.title}” (${evidence.outlet.name}), without its text: paste the article’s text above to draft from it.`,
            );
          source = { text: `${title}\n\n${excerpt}` };
        }
      } else if (!pasted) {
        try {
          const page = await fetchArticle(address);
          address = page.url;
          source = page.contentType === 'text/html' ? { html: page.body } : { text: page.body };
        } catch (error) {
          if (error instanceof FetchRefusedError) throw urlError(error.message);
          throw error;
        }
      }
    }
    const registry = await loadRegistry(db);
    const draft = draftFromText({ ...source, url: address, kind: 'agreement' }, registry);
    if (draft.kind !== 'agreement') throw new AppError('The draft is not an agreement’s.');
    return { draft, logged };
  },
);
