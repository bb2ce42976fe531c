// After a follow-up is logged the action redirects (to a commitment page, or wherever the form was) with a few
// query parameters that the app shell turns into a notice. Parameters rather than a cookie: stateless, and a
// notice can never land on a page it was not meant for.

export const LOGGED_PARAM = 'logged';
export const ITEM_PARAM = 'item';
const REUSED_PARAM = 'reused';
const PROPOSED_PARAM = 'proposed';
const PARAMS = [LOGGED_PARAM, ITEM_PARAM, REUSED_PARAM, PROPOSED_PARAM];

/** `proposed`: rows stored as proposals waiting for review (lib/data/review.ts), beside the `updates` that count. */
export type LoggedNotice = { updates: number; evidenceId: number; reused: boolean; proposed?: number };

/** `path` (which may carry a query already) with the notice's parameters set. */
export function withLoggedNotice(path: string, notice: LoggedNotice): string {
  const url = new URL(path, 'http://pactwatch.invalid');
  url.searchParams.set(LOGGED_PARAM, String(notice.updates));
  url.searchParams.set(ITEM_PARAM, String(notice.evidenceId));
  if (notice.reused) url.searchParams.set(REUSED_PARAM, '1');
  else url.searchParams.delete(REUSED_PARAM);
  if (notice.proposed) url.searchParams.set(PROPOSED_PARAM, String(notice.proposed));
  else url.searchParams.delete(PROPOSED_PARAM);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The notice the URL carries, or null (junk values are ignored: anyone can type a URL). */
export function readLoggedNotice(params: Pick<URLSearchParams, 'get'>): LoggedNotice | null {
  const updates = Number(params.get(LOGGED_PARAM));
  const evidenceId = Number(params.get(ITEM_PARAM));
  const proposed = Number(params.get(PROPOSED_PARAM) ?? 0);
  if (!Number.isSafeInteger(updates) || updates < 0 || updates > 1_000) return null;
  if (!Number.isSafeInteger(proposed) || proposed < 0 || proposed > 1_000 || updates + proposed < 1)
    return null;
  if (!Number.isSafeInteger(evidenceId) || evidenceId < 1) return null;
  return { updates, evidenceId, reused: params.get(REUSED_PARAM) === '1', proposed };
}

/** The query string without the notice's parameters ('' or '?…'). */
export function withoutNotice(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of PARAMS) params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}
