// The agreement form (create and edit): its own fields, then three repeated groups sent as parallel lists in
// document order — parties (`partyId[i]` with `partyRole[i]`), people who spoke (`personId[i]` with
// `personRole[i]`) and source URLs. Rows left without a party/person/URL are ignored, so an added-but-unused
// row never blocks saving.
import * as z from 'zod';
import { AgreementKind, AgreementPartyRole, DatePrecision } from '../generated/prisma/enums.ts';
import { parseDayOrNull } from '../domain/dates.ts';
import { normaliseUrl } from '../domain/url.ts';
import { partySchema, type PartyInput } from './party.ts';
import { personSchema, type PersonInput } from './person.ts';
import { rowsOf, type MergeField } from './editing.ts';
import {
  MAX_ROWS,
  RECORD_YEARS,
  boundedText,
  inYears,
  optionalText,
  parseId,
  recordIdField,
  requiredText,
  versionField,
} from './fields.ts';

export const AGREEMENT_TITLE_MAX = 300;
export const AGREEMENT_PLACE_MAX = 200;
export const AGREEMENT_SUMMARY_MAX = 10_000;
export const SPEAKER_ROLE_MAX = 200;
const SOURCE_URL_MAX = 2_000;

type KnownPrecision = Exclude<DatePrecision, 'unknown'>;

export const DATE_PRECISIONS: readonly DatePrecision[] = ['day', 'month', 'year', 'unknown'];

const DATE_SHAPES: Record<KnownPrecision, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  year: /^(\d{4})$/,
};

const DATE_SHAPE_HINT: Record<KnownPrecision, string> = {
  day: 'YYYY-MM-DD, e.g. 2025-09-14',
  month: 'YYYY-MM, e.g. 2025-09',
  year: 'YYYY, e.g. 2025',
};

/** The precision a typed date has by its shape ("2025-09" → month), or null when it has none of the three. */
export function precisionOfText(text: string): KnownPrecision | null {
  const trimmed = text.trim();
  for (const precision of ['day', 'month', 'year'] as const) {
    if (DATE_SHAPES[precision].test(trimmed)) return precision;
  }
  return null;
}

/** The first day of the period a typed date names ("2025-09" → 2025-09-01), or null when it is no real date. */
function parsePartialDate(text: string): Date | null {
  const trimmed = text.trim();
  const precision = precisionOfText(trimmed);
  if (!precision) return null;
  const padded = precision === 'day' ? trimmed : precision === 'month' ? `${trimmed}-01` : `${trimmed}-01-01`;
  return parseDayOrNull(padded);
}

/** How a stored date reads in the form at its precision: "2025-09-14", "2025-09", "2025" or "" (unknown). */
export function partialDateText(date: Date | null, precision: DatePrecision): string {
  if (!date || precision === 'unknown') return '';
  const iso = date.toISOString().slice(0, 10);
  return precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso;
}

/** A date typed at day, month or year precision: checked here on its own; matched to the precision below. */
const partialDateField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim();
    if (!text) return null;
    const date = parsePartialDate(text);
    if (!date) {
      ctx.addIssue({
        code: 'custom',
        message: precisionOfText(text)
          ? 'That date does not exist.'
          : 'Write the date as YYYY-MM-DD, YYYY-MM or YYYY.',
      });
      return z.NEVER;
    }
    if (!inYears(date, RECORD_YEARS)) {
      ctx.addIssue({ code: 'custom', message: RECORD_YEARS.message });
      return z.NEVER;
    }
    return { text, date, precision: precisionOfText(text)! };
  });

function toRowId(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null; // an unused row
  return parseId(trimmed) ?? undefined;
}

/** The picks of a repeated group, position by position (null: a row left empty); each record at most once. */
function rowIdsField(invalid: string, duplicate: string) {
  return z
    .array(z.string())
    .max(MAX_ROWS, { error: `Use at most ${MAX_ROWS} rows.` })
    .default([])
    .transform((values, ctx) => {
      const ids = values.map(toRowId);
      if (ids.includes(undefined)) {
        ctx.addIssue({ code: 'custom', message: invalid });
        return z.NEVER;
      }
      const picked = ids.filter((id): id is number => id !== null);
      if (new Set(picked).size !== picked.length) {
        ctx.addIssue({ code: 'custom', message: duplicate });
        return z.NEVER;
      }
      return ids as (number | null)[];
    });
}

const sourceUrlsField = z
  .array(z.string())
  .max(MAX_ROWS, { error: `Use at most ${MAX_ROWS} sources.` })
  .default([])
  .transform((values, ctx) => {
    const urls: string[] = [];
    for (const value of values) {
      const text = value.trim();
      if (!text) continue;
      const url = text.length <= SOURCE_URL_MAX ? normaliseUrl(text) : null;
      if (!url) {
        ctx.addIssue({
          code: 'custom',
          message: `“${text.length > 80 ? `${text.slice(0, 80)}…` : text}” is not a web address (http:// or https://).`,
        });
        return z.NEVER;
      }
      if (!urls.includes(url)) urls.push(url);
    }
    return urls;
  });

/** A repeated text field of the inline "new party" / "new person" rows, checked row by row below. */
const rawRows = z
  .array(z.string())
  .max(MAX_ROWS, { error: `Use at most ${MAX_ROWS} rows.` })
  .default([]);

/** Where an inline row's message goes: `newParty.<row>.<field>` (the form shows it beside that input). */
export function newRowField(group: 'newParty' | 'newPerson', row: number, field: string): string {
  return `${group}.${row}.${field}`;
}

type NewPartyRow = { row: number; party: PartyInput; role: z.output<typeof partyRoleField> };
type NewPersonRow = { row: number; person: PersonInput; role: string | null };

const partyRoleField = z.enum(AgreementPartyRole, { error: 'Choose a role for each party.' });

function at(list: readonly string[] | undefined, index: number): string {
  return (Array.isArray(list) ? list[index] : undefined) ?? '';
}

/**
 * The inline rows, each through its own form's schema (partySchema, personSchema): a row with nothing typed is
 * ignored; any message goes beside its input (`newParty.2.name`).
 */
function newRows(value: AgreementFieldsRaw, ctx: z.RefinementCtx | null) {
  const parties: NewPartyRow[] = [];
  const people: NewPersonRow[] = [];
  const names = Array.isArray(value.newPartyName) ? value.newPartyName : [];
  names.forEach((name, row) => {
    const fields = {
      name,
      shortName: at(value.newPartyShortName, row),
      kind: at(value.newPartyKind, row),
      countryCode: at(value.newPartyCountry, row),
      parentId: at(value.newPartyParentId, row),
    };
    if (!name.trim() && !fields.shortName.trim() && !fields.countryCode.trim() && !fields.parentId.trim())
      return;
    const parsed = partySchema.safeParse(fields);
    const role = partyRoleField.safeParse(at(value.newPartyRole, row) || 'signatory');
    if (!parsed.success || !role.success) {
      for (const issue of [...(parsed.error?.issues ?? []), ...(role.error?.issues ?? [])])
        ctx?.addIssue({
          code: 'custom',
          path: [newRowField('newParty', row, String(issue.path[0] ?? 'role'))],
          message: issue.message,
        });
      return;
    }
    parties.push({ row, party: parsed.data, role: role.data });
  });
  const personNames = Array.isArray(value.newPersonName) ? value.newPersonName : [];
  personNames.forEach((name, row) => {
    const fields = {
      name,
      title: at(value.newPersonTitle, row),
      partyId: at(value.newPersonPartyId, row),
    };
    if (!name.trim() && !fields.title.trim() && !fields.partyId.trim()) return;
    const parsed = personSchema.safeParse(fields);
    const role = boundedText(SPEAKER_ROLE_MAX).safeParse(at(value.newPersonRole, row));
    if (!parsed.success || !role.success) {
      for (const issue of [...(parsed.error?.issues ?? []), ...(role.error?.issues ?? [])])
        ctx?.addIssue({
          code: 'custom',
          path: [newRowField('newPerson', row, String(issue.path[0] ?? 'role'))],
          message: issue.message,
        });
      return;
    }
    people.push({ row, person: parsed.data, role: role.data || null });
  });
  return { parties, people };
}

/**
 * "Require review of status updates" (docs/decisions/018-review.md): `true` when the box is ticked; the edit form
 * sends `false` from a hidden field after the box otherwise (the first value of a name is the one read). Not sent:
 * left as it is. Only an admin may change it (lib/data/agreements.ts).
 */
const requiresReviewField = z
  .enum(['true', 'false', 'on'], { error: 'Tick the box or leave it empty.' })
  .optional()
  .transform((value) => (value === undefined ? undefined : value !== 'false'));

const agreementFields = z.object({
  title: requiredText('Enter the agreement’s title.', AGREEMENT_TITLE_MAX),
  requiresReview: requiresReviewField,
  kind: z.enum(AgreementKind, { error: 'Choose what kind of agreement this is.' }),
  concludedOn: partialDateField,
  concludedPrecision: z.enum(DatePrecision, { error: 'Choose how precisely the date is known.' }),
  place: optionalText(AGREEMENT_PLACE_MAX),
  summary: optionalText(AGREEMENT_SUMMARY_MAX),
  partyId: rowIdsField('Choose each party from the list.', 'A party is listed twice: list each party once.'),
  partyRole: z
    .array(z.enum(AgreementPartyRole, { error: 'Choose a role for each party.' }))
    .max(MAX_ROWS)
    .default([]),
  personId: rowIdsField(
    'Choose each person from the list.',
    'A person is listed twice: list each person once.',
  ),
  personRole: z.array(boundedText(SPEAKER_ROLE_MAX)).max(MAX_ROWS).default([]),
  sourceUrl: sourceUrlsField,
  // Parties and people new to the database, created with the agreement (same rules as their own forms).
  newPartyName: rawRows,
  newPartyShortName: rawRows,
  newPartyKind: rawRows,
  newPartyCountry: rawRows,
  newPartyParentId: rawRows,
  newPartyRole: rawRows,
  newPersonName: rawRows,
  newPersonTitle: rawRows,
  newPersonPartyId: rawRows,
  newPersonRole: rawRows,
});

type AgreementFields = z.output<typeof agreementFields>;
const NEW_ROW_KEYS = [
  'newPartyName',
  'newPartyShortName',
  'newPartyKind',
  'newPartyCountry',
  'newPartyParentId',
  'newPartyRole',
  'newPersonName',
  'newPersonTitle',
  'newPersonPartyId',
  'newPersonRole',
] as const;
type AgreementFieldsRaw = Partial<Record<(typeof NEW_ROW_KEYS)[number], string[]>>;

/** Checks across fields; runs even when a field failed, so every message shows at once (values may be raw). */
function checkAgreement(value: AgreementFields, ctx: z.RefinementCtx) {
  const { concludedOn, concludedPrecision } = value;
  // A date that failed its own check has its message already.
  const dateChecked = concludedOn === null || (typeof concludedOn === 'object' && 'date' in concludedOn);
  if (dateChecked && DATE_PRECISIONS.includes(concludedPrecision)) {
    if (concludedPrecision === 'unknown' && concludedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['concludedOn'],
        message: 'Clear the date, or say how precisely it is known.',
      });
    } else if (concludedPrecision !== 'unknown' && !concludedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['concludedOn'],
        message: `Enter the date as ${DATE_SHAPE_HINT[concludedPrecision]}, or choose “Unknown”.`,
      });
    } else if (
      concludedOn &&
      concludedPrecision !== 'unknown' &&
      concludedOn.precision !== concludedPrecision
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['concludedOn'],
        message: `For a date known to the ${concludedPrecision}, write ${DATE_SHAPE_HINT[concludedPrecision]}.`,
      });
    }
  }
  newRows(value, ctx);
  for (const [ids, roles, field] of [
    [value.partyId, value.partyRole, 'partyId'],
    [value.personId, value.personRole, 'personId'],
  ] as const) {
    if (Array.isArray(ids) && Array.isArray(roles) && ids.length !== roles.length) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: 'The rows of this list arrived incomplete: reload the page and try again.',
      });
    }
  }
}

/** The checked form as the mutations take it: rows zipped, empty rows dropped. */
function toAgreementInput<T extends AgreementFields>(value: T) {
  const { partyId, partyRole, personId, personRole, sourceUrl, concludedOn, concludedPrecision, ...others } =
    value;
  const rest = Object.fromEntries(
    Object.entries(others).filter(([key]) => !(NEW_ROW_KEYS as readonly string[]).includes(key)),
  ) as Omit<typeof others, (typeof NEW_ROW_KEYS)[number]>;
  const created = newRows(value, null);
  return {
    ...rest,
    newParties: created.parties,
    newPeople: created.people,
    concludedOn: concludedOn?.date ?? null,
    concludedPrecision: concludedOn ? concludedPrecision : ('unknown' as const),
    parties: partyId.flatMap((id, index) => (id === null ? [] : [{ partyId: id, role: partyRole[index] }])),
    people: personId.flatMap((id, index) =>
      id === null ? [] : [{ personId: id, role: personRole[index] ? personRole[index] : null }],
    ),
    sourceUrls: sourceUrl,
  };
}

export const agreementSchema = agreementFields.superRefine(checkAgreement).transform(toAgreementInput);
export type AgreementInput = z.output<typeof agreementSchema>;

export const updateAgreementSchema = agreementFields
  .extend({ id: recordIdField, version: versionField })
  .superRefine(checkAgreement)
  .transform(toAgreementInput);
export type UpdateAgreementInput = z.output<typeof updateAgreementSchema>;

/** The agreement form's fields as text, the way the form shows them (and a conflict reports them). */
export type AgreementFormValues = {
  id: string;
  version: string;
  title: string;
  kind: string;
  concludedOn: string;
  concludedPrecision: string;
  place: string;
  summary: string;
  partyId: string[];
  partyRole: string[];
  personId: string[];
  personRole: string[];
  sourceUrl: string[];
  archived: boolean;
  /** 'true' or 'false'; absent on a new agreement's form (review starts off). */
  requiresReview?: string;
};

/** Rows of parallel lists, sorted: the order rows are listed in is not a change. */
function sortedRows(values: Parameters<typeof rowsOf>[0], idKey: string, ...otherKeys: string[]) {
  return rowsOf(values, idKey, ...otherKeys).sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

/** The agreement form's fields for the three-way merge of a lost race (lib/validation/editing.ts mergeEdit). */
export const AGREEMENT_MERGE: readonly MergeField[] = [
  { name: 'title', label: 'Title', keys: ['title'] },
  { name: 'kind', label: 'Kind', keys: ['kind'] },
  {
    name: 'concluded',
    label: 'Concluded',
    keys: ['concludedOn', 'concludedPrecision'],
    // An empty date is "unknown" whatever the precision picker says.
    normalise: (values) => {
      const date = String(values.concludedOn ?? '').trim();
      return date ? [date, String(values.concludedPrecision ?? '')] : [''];
    },
  },
  { name: 'place', label: 'Place', keys: ['place'] },
  { name: 'summary', label: 'Summary', keys: ['summary'] },
  { name: 'review', label: 'Review of status updates', keys: ['requiresReview'] },
  {
    name: 'parties',
    label: 'Parties',
    keys: ['partyId', 'partyRole'],
    normalise: (values) => sortedRows(values, 'partyId', 'partyRole'),
  },
  {
    name: 'people',
    label: 'People',
    keys: ['personId', 'personRole'],
    normalise: (values) => sortedRows(values, 'personId', 'personRole'),
  },
  {
    name: 'sources',
    label: 'Sources',
    keys: ['sourceUrl'],
    normalise: (values) =>
      (Array.isArray(values.sourceUrl) ? values.sourceUrl : [values.sourceUrl ?? ''])
        .map((url) => url.trim())
        .filter(Boolean)
        .sort(),
  },
];
