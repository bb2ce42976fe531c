// The evidence list's filters, read from the URL (so a filtered view can be shared). Anything malformed is
// dropped rather than refused: a stale or hand-edited link still shows a list.
import * as z from 'zod';
import { parseDayOrNull } from '../domain/dates.ts';
import { EvidenceType } from '../generated/prisma/enums.ts';
import { parseId } from './fields.ts';
import { parsePageParam } from './params.ts';

type Param = string | string[] | undefined;

/** The first value, trimmed, without NUL characters (which PostgreSQL text cannot hold, even in a search). */
function first(value: Param): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').replaceAll('\u0000', '').trim();
}

const typeSchema = z.enum(Object.values(EvidenceType) as EvidenceType[]);
const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i)
  .max(35);

export type EvidenceListParams = {
  q?: string;
  outletId?: number;
  type?: EvidenceType;
  language?: string;
  from?: Date;
  to?: Date;
  page: number;
};

export function parseEvidenceListParams(params: Record<string, Param>): EvidenceListParams {
  const q = first(params.q).slice(0, 200);
  const outlet = parseId(first(params.outlet));
  const type = typeSchema.safeParse(first(params.type));
  const language = languageSchema.safeParse(first(params.language));
  let from = parseDayOrNull(first(params.from)) ?? undefined;
  let to = parseDayOrNull(first(params.to)) ?? undefined;
  // A window typed backwards still means the days between the two.
  if (from && to && from.getTime() > to.getTime()) [from, to] = [to, from];
  return {
    ...(q ? { q } : {}),
    ...(outlet !== null ? { outletId: outlet } : {}),
    ...(type.success ? { type: type.data } : {}),
    ...(language.success ? { language: language.data } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    page: parsePageParam(params.page),
  };
}
