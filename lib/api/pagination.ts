// Cursor pagination for /api/v1 lists: keyset on the record id, ascending. A row inserted while a client pages
// gets a larger id than any it has seen, so it shows up on a later page; nothing already listed moves, so no page
// repeats or skips a row. The cursor is opaque to clients (base64url JSON), so the key may change later.
import * as z from 'zod';
import { problem } from './problem.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const cursorSchema = z.object({ after: z.union([z.number().int().min(0), z.string().max(200)]) });

export type PageRequest<K extends number | string> = { after: K | null; limit: number };

function encodeCursor(after: number | string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | string | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.after : null;
  } catch {
    return null;
  }
}

/** `cursor` and `limit` from the query, or the 400 problem to answer with. */
export function pageRequest<K extends number | string>(
  url: URL,
  keyType: 'number' | 'string' = 'number',
): PageRequest<K> | Response {
  const errors: Record<string, string[]> = {};
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    errors.limit = [`A whole number from 1 to ${MAX_LIMIT}.`];
  const cursorText = url.searchParams.get('cursor');
  const after = cursorText ? decodeCursor(cursorText) : null;
  if (cursorText && (after === null || typeof after !== keyType))
    errors.cursor = ['Not a cursor this list handed out.'];
  if (Object.keys(errors).length)
    return problem({ status: 400, title: 'Bad request', detail: 'Check the query parameters.', errors });
  return { after: after as K | null, limit };
}

/** This request's URL with the cursor after `last`, or null when the page was the last one. */
export function nextLink(url: URL, last: number | string | undefined, more: boolean): string | null {
  if (!more || last === undefined) return null;
  const next = new URL(url.pathname + url.search, 'http://x');
  next.searchParams.set('cursor', encodeCursor(last));
  return `${next.pathname}${next.search}`;
}

/** Splits the `limit + 1` rows a keyset query read into the page and whether more follow. */
export function takePage<T>(rows: T[], limit: number): { items: T[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}
