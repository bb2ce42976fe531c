// Route and query parameters arrive as untrusted text (or arrays of it). These schemas turn them into the
// numbers the queries need; a malformed id is "not found", a malformed page is the first page.
import { z } from 'zod';
import { parseId } from './fields.ts';

/** `?page=`: a positive integer; anything else (absent, repeated, junk) falls back to page 1. */
const pageParamSchema = z
  .union([z.string(), z.array(z.string()).transform((values) => values[0] ?? '')])
  .pipe(z.string().regex(/^\d{1,6}$/))
  .transform(Number)
  .pipe(z.number().int().min(1))
  .catch(1);

/** The id, or null when the segment is not a valid id (./fields.ts parseId: not even a space around it). */
export function parseIdParam(value: string): number | null {
  return parseId(value);
}

export function parsePageParam(value: string | string[] | undefined): number {
  return pageParamSchema.parse(value);
}
