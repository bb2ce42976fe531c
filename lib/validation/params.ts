// Route and query parameters arrive as untrusted text (or arrays of it). These schemas turn them into the
// numbers the queries need; a malformed id is "not found", a malformed page is the first page.
import { z } from 'zod';

const POSTGRES_INT_MAX = 2_147_483_647;

/** A record id in a path segment: digits only (no signs, exponents or spaces), within PostgreSQL's int range. */
const idParamSchema = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(POSTGRES_INT_MAX));

/** `?page=`: a positive integer; anything else (absent, repeated, junk) falls back to page 1. */
const pageParamSchema = z
  .union([z.string(), z.array(z.string()).transform((values) => values[0] ?? '')])
  .pipe(z.string().regex(/^\d{1,6}$/))
  .transform(Number)
  .pipe(z.number().int().min(1))
  .catch(1);

/** The id, or null when the segment is not a valid id. */
export function parseIdParam(value: string): number | null {
  const result = idParamSchema.safeParse(value);
  return result.success ? result.data : null;
}

export function parsePageParam(value: string | string[] | undefined): number {
  return pageParamSchema.parse(value);
}
