// The "Log follow-up" form: one news item, then one row per commitment it bears on. The same schema checks the
// form in the browser (before anything is sent) and in the logFollowUp action (the check that counts).
//
// The form posts flat fields: the item's (`url`, `title`, ...) and each row's as `rows.<n>.<field>`. Errors are
// reported under those same flat names (`rows.1.reason`), because that is what the action wrapper hands back
// to the form (z.flattenError keys by the first path segment) and what the form looks errors up by.
import * as z from 'zod';
import {
  addDays,
  factBy,
  formatDay,
  isDatePrecision,
  today as todayOf,
  type DatePrecision,
} from '../domain/dates.ts';
import { normaliseUrl } from '../domain/url.ts';
import {
  STATUSES,
  requiresReason,
  statusLabel,
  type CommitmentStatus,
  type UpdateKind,
} from '../domain/status.ts';
import { EvidenceType, Reliability } from '../generated/prisma/enums.ts';
import {
  EVIDENCE_YEARS,
  dayField as yearBoundDayField,
  idField,
  inYears,
  optionalIdField,
  optionalOf,
  optionalText,
  requiredText,
  tooLongMessage,
} from './fields.ts';

export const LIMITS = {
  url: 2_000,
  title: 500,
  excerpt: 20_000,
  reason: 5_000,
  outletName: 200,
  website: 2_000,
  /** The longest BCP 47 tag the database column holds. */
  language: 35,
  rows: 50,
} as const;

export const RELIABILITIES = Object.values(Reliability) as Reliability[];
export const EVIDENCE_TYPES = Object.values(EvidenceType) as EvidenceType[];

/** Languages offered in the form's suggestion list; any other valid BCP 47 tag is accepted too. */
export const COMMON_LANGUAGES: readonly { tag: string; name: string }[] = [
  { tag: 'en', name: 'English' },
  { tag: 'ur', name: 'Urdu' },
  { tag: 'zh', name: 'Chinese' },
  { tag: 'zh-Hans', name: 'Chinese (Simplified)' },
  { tag: 'zh-Hant', name: 'Chinese (Traditional)' },
  { tag: 'ar', name: 'Arabic' },
  { tag: 'fa', name: 'Persian' },
  { tag: 'ru', name: 'Russian' },
  { tag: 'hi', name: 'Hindi' },
  { tag: 'ps', name: 'Pashto' },
  { tag: 'bn', name: 'Bengali' },
  { tag: 'tr', name: 'Turkish' },
  { tag: 'fr', name: 'French' },
  { tag: 'de', name: 'German' },
  { tag: 'es', name: 'Spanish' },
  { tag: 'ja', name: 'Japanese' },
  { tag: 'ko', name: 'Korean' },
];

/** The value of the outlet select that opens the "new outlet" fields. */
export const NEW_OUTLET = 'new';

/** The latest day any date field accepts: a year from today (news may carry tomorrow's date, the year 3000 not). */
function latestAllowedDay(today: Date = todayOf()): Date {
  return new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
}

/** A day the news gives: a calendar day in EVIDENCE_YEARS (./fields.ts), and not later than the field allows. */
function dayField(options: { notAfterToday?: boolean; notAfterTomorrow?: boolean } = {}) {
  return yearBoundDayField(EVIDENCE_YEARS).transform((day, ctx) => {
    const today = todayOf();
    const latest = options.notAfterToday
      ? today
      : options.notAfterTomorrow
        ? addDays(today, 1)
        : latestAllowedDay(today);
    if (day.getTime() > latest.getTime()) {
      ctx.addIssue({
        code: 'custom',
        message: options.notAfterToday
          ? `The fact cannot have held after today (${formatDay(today)}).`
          : options.notAfterTomorrow
            ? `An item cannot be published in the future: the latest allowed day is ${formatDay(latest)} (today, plus a day for time zones ahead of UTC).`
            : `${formatDay(day)} is more than a year from now (latest allowed: ${formatDay(latest)}). Check the year.`,
      });
      return z.NEVER;
    }
    return day;
  });
}

function optionalDay(options: { notAfterToday?: boolean; notAfterTomorrow?: boolean } = {}) {
  return optionalOf(dayField(options));
}

/** BCP 47 language tag ("ur", "zh-Hant", "en-GB"), stored in its canonical case. */
const languageField = requiredText(
  'Enter the language of the item, e.g. en or ur.',
  LIMITS.language,
).transform((tag, ctx) => {
  let canonical: string | undefined;
  try {
    canonical = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(tag) ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    canonical = undefined;
  }
  if (!canonical) {
    ctx.addIssue({
      code: 'custom',
      message: 'Use a language tag such as en, ur, zh-Hant or pt-BR (BCP 47).',
    });
    return z.NEVER;
  }
  return canonical;
});

/** The item's address, normalised (lib/domain/url.ts) so the same article is recognised however it is pasted. */
export const evidenceUrlSchema = requiredText('Enter the web address of the item.', LIMITS.url).transform(
  (text, ctx) => {
    const url = normaliseUrl(text);
    if (!url) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Enter a full web address starting with http:// or https://, e.g. https://www.dawn.com/news/1234.',
      });
      return z.NEVER;
    }
    if (url.length > LIMITS.url) {
      ctx.addIssue({ code: 'custom', message: tooLongMessage(LIMITS.url, url.length) });
      return z.NEVER;
    }
    return url;
  },
);

const reliabilityField = (missing: string) => z.enum(RELIABILITIES, { error: missing });

/** Outlet fields of the form: pick one (`outlet` is its id) or create one (`outlet` is NEW_OUTLET). */
const outletChoiceSchema = z
  .object({
    outlet: z.string({ error: 'Choose the outlet, or add a new one.' }).trim(),
    newOutletName: z.string().optional(),
    newOutletReliability: z.string().optional(),
  })
  .transform((fields, ctx) => {
    if (fields.outlet === NEW_OUTLET) {
      const name = requiredText('Enter the name of the new outlet.', LIMITS.outletName).safeParse(
        fields.newOutletName ?? '',
      );
      const reliability = reliabilityField('Choose how reliable this outlet usually is (A–F).').safeParse(
        fields.newOutletReliability ?? '',
      );
      for (const [path, result] of [
        ['newOutletName', name],
        ['newOutletReliability', reliability],
      ] as const) {
        for (const issue of result.error?.issues ?? []) ctx.addIssue({ ...issue, path: [path] });
      }
      if (!name.success || !reliability.success) return z.NEVER;
      return { kind: 'new' as const, name: name.data, defaultReliability: reliability.data };
    }
    const id = idField('Choose the outlet, or add a new one.').safeParse(fields.outlet);
    if (!id.success) {
      ctx.addIssue({ code: 'custom', message: id.error.issues[0].message, path: ['outlet'] });
      return z.NEVER;
    }
    return { kind: 'existing' as const, id: id.data };
  });

/** The fields of a news item that is not logged yet. */
export const newsItemSchema = z.object({
  title: requiredText('Enter the title of the item (in English if you translate it).', LIMITS.title),
  originalTitle: optionalText(LIMITS.title),
  language: languageField,
  /** Published at the latest tomorrow (UTC): a story dated in a time zone ahead of UTC may carry tomorrow's date. */
  publishedOn: optionalDay({ notAfterTomorrow: true }),
  excerpt: optionalText(LIMITS.excerpt),
  /** Empty: the outlet's default reliability. */
  reliability: optionalOf(reliabilityField('Choose a reliability from A to F.')),
  credibility: z
    .string({ error: 'Choose how credible the information is (1–6).' })
    .trim()
    .min(1, { error: 'Choose how credible the information is (1–6).' })
    .pipe(
      z.coerce
        .number<string>()
        .int({ error: 'Choose how credible the information is (1–6).' })
        .min(1, { error: 'Choose how credible the information is (1–6).' })
        .max(6, { error: 'Choose how credible the information is (1–6).' }),
    ),
  type: z.enum(EVIDENCE_TYPES, { error: 'Choose what kind of news this is.' }),
});

export const ROW_FIELDS = [
  'commitmentId',
  'status',
  'partyId',
  'kind',
  'evidenceType',
  'adoptsProposal',
  'observedOn',
  'observedPrecision',
  'reason',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** What a row does (StatusUpdateKind): only an assessment sets the status (lib/domain/status.ts countsForStatus). */
export const ROW_KINDS: readonly UpdateKind[] = ['assessment', 'corroboration', 'context'];

export const ROW_KIND_LABELS: Record<UpdateKind, string> = {
  assessment: 'Sets the status',
  corroboration: 'No change — corroborates the current status',
  context: 'Context (before the agreement)',
};

function isUpdateKind(value: unknown): value is UpdateKind {
  return typeof value === 'string' && (ROW_KINDS as readonly string[]).includes(value);
}

export const NOTHING_TO_CORROBORATE =
  'Nothing to corroborate yet: no status has been logged for this commitment (or this party). Choose “Sets the status”.';
export const ADOPTION_NEEDS_PROPOSAL =
  'Only a proposal can be adopted: this commitment is not recorded as a proposal.';
export const ADOPTION_NEEDS_ASSESSMENT =
  'An adoption is recorded by a row that sets the status: choose “Sets the status”, or untick the adoption.';

/** A fact's day (or "no later than" day): YYYY-MM-DD, in EVIDENCE_YEARS, not after today; empty is null. */
export const factDaySchema = optionalDay({ notAfterToday: true });

export const PRECISION_LABELS: Record<DatePrecision, string> = {
  day: 'On the day',
  month: 'In the month',
  year: 'In the year',
  unknown: 'Undated: no later than',
};

/** A fact date as typed: a day, a month or a year, checked on its own (which one is needed depends on precision). */
type FactText = { kind: 'day' | 'month' | 'year'; start: Date };

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const YEAR_PATTERN = /^\d{4}$/;

/** A fact date field: YYYY-MM-DD, YYYY-MM or YYYY, in EVIDENCE_YEARS, not after today; empty is null. */
const factTextField = z
  .string()
  .optional()
  .transform((value, ctx): FactText | null => {
    const text = value?.trim() ?? '';
    if (!text) return null;
    const today = todayOf();
    let fact: FactText;
    const month = MONTH_PATTERN.exec(text);
    if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
      fact = { kind: 'month', start: new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)) };
    } else if (YEAR_PATTERN.test(text)) {
      fact = { kind: 'year', start: new Date(Date.UTC(Number(text), 0, 1)) };
    } else {
      const day = factDaySchema.safeParse(text);
      if (!day.success) {
        for (const issue of day.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
        return z.NEVER;
      }
      if (!day.data) return null;
      return { kind: 'day', start: day.data };
    }
    if (!inYears(fact.start, EVIDENCE_YEARS)) {
      ctx.addIssue({ code: 'custom', message: EVIDENCE_YEARS.message });
      return z.NEVER;
    }
    if (fact.start.getTime() > today.getTime()) {
      ctx.addIssue({
        code: 'custom',
        message: `The fact cannot have held after today (${formatDay(today)}).`,
      });
      return z.NEVER;
    }
    return fact;
  });

/**
 * The `by` day (StatusUpdate.observedOn) of a fact date typed at a precision: a day (YYYY-MM-DD) for day and
 * unknown (then the "no later than" day), a month (YYYY-MM, or a day of it) or a year (YYYY, or a day or month of
 * it); a month or year still running ends today (lib/domain/dates.ts factBy). Undefined (an issue added) when the
 * typed form does not fit the precision.
 */
function factByOf(fact: FactText, precision: DatePrecision, ctx: z.RefinementCtx): Date | undefined {
  if (precision === 'day' || precision === 'unknown') {
    if (fact.kind === 'day') return fact.start;
    ctx.addIssue({
      code: 'custom',
      path: ['observedOn'],
      message: 'Enter a day as YYYY-MM-DD, or choose how precisely the date is known.',
    });
    return undefined;
  }
  if (precision === 'month' && fact.kind === 'year') {
    ctx.addIssue({
      code: 'custom',
      path: ['observedOn'],
      message: 'Enter the month as YYYY-MM, e.g. 2025-06.',
    });
    return undefined;
  }
  return factBy(fact.start, precision, todayOf());
}

const precisionField = z
  .string()
  .optional()
  .transform((value, ctx): DatePrecision => {
    const text = value?.trim() || 'day';
    if (isDatePrecision(text)) return text;
    ctx.addIssue({ code: 'custom', message: 'Choose how precisely the fact date is known.' });
    return z.NEVER;
  });

/** A row's kind as the form sends it: empty is an assessment. */
const kindField = z
  .string()
  .optional()
  .transform((value, ctx): UpdateKind => {
    const text = value?.trim() || 'assessment';
    if (isUpdateKind(text)) return text;
    ctx.addIssue({
      code: 'custom',
      message: 'Choose what this row does: sets the status, corroborates, or context.',
    });
    return z.NEVER;
  });

/** How the item bears on this commitment: empty is the item's own type (stored as null). */
const rowEvidenceTypeField = optionalOf(
  z.enum(EVIDENCE_TYPES, { error: 'Choose how the item bears on this commitment.' }),
);

/** A ticked checkbox sends "yes" (or "on"); nothing sent is no. */
const checkboxField = z
  .string()
  .optional()
  .transform((value) => value === 'yes' || value === 'on' || value === 'true');

/**
 * One commitment the item bears on. `observedOn` is read at `observedPrecision` (default day); left empty it takes
 * the item's published date (an undated fact: that date, or today, as the day it held by at the latest). A
 * corroboration sends no status: it takes its scope's current status when saved (null until then).
 */
export const followUpRowSchema = z
  .object({
    commitmentId: idField('Choose the commitment this item bears on.'),
    kind: kindField,
    status: z.string().optional(),
    partyId: optionalIdField('Choose a responsible party, or the commitment as a whole.'),
    evidenceType: rowEvidenceTypeField,
    adoptsProposal: checkboxField,
    observedOn: factTextField,
    observedPrecision: precisionField,
    reason: optionalText(LIMITS.reason),
  })
  .transform((row, ctx) => {
    let status: CommitmentStatus | null = null;
    if (row.kind !== 'corroboration') {
      const text = row.status?.trim() ?? '';
      if ((STATUSES as readonly string[]).includes(text)) status = text as CommitmentStatus;
      else ctx.addIssue({ code: 'custom', path: ['status'], message: 'Choose the status this item shows.' });
    }
    if (status && requiresReason(status) && !row.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `Say why: a reason is required for "${statusLabel(status)}".`,
      });
    }
    if (row.adoptsProposal && row.kind !== 'assessment') {
      ctx.addIssue({ code: 'custom', path: ['adoptsProposal'], message: ADOPTION_NEEDS_ASSESSMENT });
    }
    const observedOn = row.observedOn ? factByOf(row.observedOn, row.observedPrecision, ctx) : null;
    if (observedOn === undefined || (row.kind !== 'corroboration' && !status)) return z.NEVER;
    if (status && requiresReason(status) && !row.reason) return z.NEVER;
    if (row.adoptsProposal && row.kind !== 'assessment') return z.NEVER;
    return { ...row, status, observedOn };
  });

export type FollowUpRowInput = z.output<typeof followUpRowSchema>;
type NewsItemInput = z.output<typeof newsItemSchema>;
export type OutletChoice = z.output<typeof outletChoiceSchema>;

export type LogFollowUpInput = {
  url: string;
  /** An item already logged under this URL (the form found it): its fields are not asked for again. */
  item: { kind: 'existing'; evidenceId: number } | ({ kind: 'new'; outlet: OutletChoice } & NewsItemInput);
  rows: FollowUpRowInput[];
  /** A path on this site to go back to afterwards (checked again by the action). */
  returnTo: string | null;
  /** The analyst saw the warnings (an update that will not become current, or moves a status back) and saves. */
  confirmed: boolean;
};

/** The form field that carries "Save anyway" (the warnings were shown and the analyst confirms). */
export const CONFIRM_FIELD = 'confirmWarnings';

/** Where the action reports a row's warning (lib/data/follow-up-warnings.ts): `rows.<n>.warning`. */
export function rowWarningName(index: number): string {
  return `rows.${index}.warning`;
}

/** The row a warning's name belongs to, or null when the name is not a warning's. */
export function warningRow(name: string): number | null {
  const match = /^rows\.(\d+)\.warning$/.exec(name);
  return match ? Number(match[1]) : null;
}

type Raw = Record<string, unknown>;

const ROW_KEY = /^rows\.(\d{1,3})\.([A-Za-z]+)$/;

/** The rows of the form, in index order: `rows.0.status` → rows[0].status. */
function rowsFromFields(raw: Raw): { index: number; fields: Record<string, unknown> }[] {
  const rows = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(raw)) {
    const match = ROW_KEY.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? {};
    row[match[2]] = value;
    rows.set(index, row);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([index, fields]) => ({ index, fields }));
}

function pick(raw: Raw, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = raw[key];
    // A form sends strings; anything else (a File) is treated as not sent.
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Runs `schema` and re-reports its issues under the form's flat field names (`prefix` + the field). */
function collect<T>(
  schema: z.ZodType<T>,
  input: unknown,
  ctx: z.RefinementCtx,
  prefix = '',
): { ok: true; data: T } | { ok: false } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : '';
    ctx.addIssue({ code: 'custom', message: issue.message, path: [`${prefix}${field}`] });
  }
  return { ok: false };
}

const ITEM_KEYS = Object.keys(newsItemSchema.shape);

/**
 * The whole form. Parses `Object.fromEntries(formData)`; every problem is reported at once, each under its
 * field's name, and nothing is returned unless everything is valid.
 */
export const logFollowUpSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): LogFollowUpInput => {
  const url = collect(evidenceUrlSchema, typeof raw.url === 'string' ? raw.url : undefined, ctx, 'url');

  // The form found the URL already logged and sent only the id of that item.
  const existing = typeof raw.existingEvidenceId === 'string' ? raw.existingEvidenceId.trim() : '';
  let item: LogFollowUpInput['item'] | undefined;
  /** The new item's published date: null when it has none, undefined when unknown (typed wrong). */
  let publishedOn: Date | null | undefined;
  if (existing) {
    const id = collect(idField('The item this URL belongs to is not known.'), existing, ctx, 'url');
    if (id.ok) item = { kind: 'existing', evidenceId: id.data };
  } else {
    const outlet = collect(
      outletChoiceSchema,
      pick(raw, ['outlet', 'newOutletName', 'newOutletReliability']),
      ctx,
    );
    const fields = collect(newsItemSchema, pick(raw, ITEM_KEYS), ctx);
    // Known even when another item field is wrong, so rows are told whether they need a date of their own.
    const published = newsItemSchema.shape.publishedOn.safeParse(
      typeof raw.publishedOn === 'string' ? raw.publishedOn : '',
    );
    publishedOn = published.success ? published.data : undefined;
    if (outlet.ok && fields.ok) item = { kind: 'new', outlet: outlet.data, ...fields.data };
  }

  const rawRows = rowsFromFields(raw);
  if (!rawRows.length) {
    ctx.addIssue({
      code: 'custom',
      message: 'Add at least one commitment this item bears on.',
      path: ['rows'],
    });
  } else if (rawRows.length > LIMITS.rows) {
    ctx.addIssue({
      code: 'custom',
      message: `Log at most ${LIMITS.rows} commitments at once.`,
      path: ['rows'],
    });
  }
  const rows: FollowUpRowInput[] = [];
  const seen = new Map<string, number>();
  rawRows.forEach(({ fields }, position) => {
    const prefix = `rows.${position}.`;
    const row = collect(followUpRowSchema, pick(fields, ROW_FIELDS), ctx, prefix);
    if (!row.ok) return;
    // The fact date defaults to the published date (today for an item dated later, since no fact holds in the
    // future), also as the "no later than" day of an undated fact (today for an undated item). A day-precision
    // fact of an undated new item needs a day typed in; a month or year always needs typing. For an item already
    // logged, the action applies its date.
    const precision = row.data.observedPrecision;
    if (!row.data.observedOn && (precision === 'month' || precision === 'year')) {
      ctx.addIssue({
        code: 'custom',
        message:
          precision === 'month' ? 'Enter the month the fact held in.' : 'Enter the year the fact held in.',
        path: [`${prefix}observedOn`],
      });
      return;
    }
    if (!row.data.observedOn && !existing) {
      if (publishedOn || (publishedOn === null && precision === 'unknown'))
        row.data.observedOn = defaultFactDay(publishedOn);
      else if (publishedOn === null) {
        ctx.addIssue({
          code: 'custom',
          message:
            'Enter the day the fact held: the item has no published date (or choose “Undated” if the item does not say).',
          path: [`${prefix}observedOn`],
        });
        return;
      } else return;
    }
    const key = `${row.data.commitmentId}:${row.data.partyId ?? 'all'}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `Row ${earlier + 1} already logs this commitment${row.data.partyId ? ' for this party' : ''}: change one of them or remove this row.`,
        path: [`${prefix}commitmentId`],
      });
      return;
    }
    seen.set(key, position);
    // The item's own type is stored as null: the row then follows the item.
    if (item?.kind === 'new' && row.data.evidenceType === item.type) row.data.evidenceType = null;
    rows.push(row.data);
  });

  const returnTo = typeof raw.returnTo === 'string' && raw.returnTo.length <= 2_000 ? raw.returnTo : null;
  if (!url.ok || !item || rows.length !== rawRows.length || !rows.length || rows.length > LIMITS.rows) {
    return z.NEVER;
  }
  const confirmed = raw[CONFIRM_FIELD] === 'yes';
  return { url: url.data, item, rows, returnTo: returnTo || null, confirmed };
});

/** The fact date a row takes when left empty: the published date, but never later than today. */
export function defaultFactDay(publishedOn: Date | null, today: Date = todayOf()): Date {
  return publishedOn && publishedOn.getTime() < today.getTime() ? publishedOn : today;
}

/** The flat field name of a row's field, as the form names its inputs and errors. */
export function rowFieldName(index: number, field: RowField): string {
  return `rows.${index}.${field}`;
}

// ---------------------------------------------------------------------------------------------------------------
// A refused submit still gets its database checks (issue "[3/9]" item 5): every problem of the form is reported at
// once, not in rounds. The action parses with followUpSubmissionSchema, which never fails: a submit the schema
// refuses carries its field errors and what could be read of the rows, which lib/data/evidence.ts checks against
// the database (commitment live, party responsible, fact date against the agreement, adoption, corroboration).

/** What could be read of a row whose commitment was chosen; the other fields are null where they did not parse. */
export type LooseRow = {
  index: number;
  commitmentId: number;
  partyId: number | null;
  kind: UpdateKind;
  adoptsProposal: boolean;
  /** The `by` day, typed or defaulted; null when unknown. */
  observedOn: Date | null;
  observedPrecision: DatePrecision;
};

export type FollowUpCheck = {
  rows: LooseRow[];
  /** An item already logged that the form cites (its date is then the database's). */
  existingEvidenceId: number | null;
  /** The new item's outlet choice, when it parsed. */
  outlet: OutletChoice | null;
};

export type FollowUpSubmission =
  | { ok: true; input: LogFollowUpInput }
  | { ok: false; message: string; fieldErrors: Record<string, string[]>; check: FollowUpCheck };

const factDateSchema = z
  .object({ observedOn: factTextField, observedPrecision: precisionField })
  .transform((fact, ctx) => {
    const observedOn = fact.observedOn ? factByOf(fact.observedOn, fact.observedPrecision, ctx) : null;
    if (observedOn === undefined) return z.NEVER;
    return { observedOn, observedPrecision: fact.observedPrecision };
  });

function looseRows(raw: Raw): FollowUpCheck['rows'] {
  const existing = typeof raw.existingEvidenceId === 'string' && raw.existingEvidenceId.trim() !== '';
  const published = newsItemSchema.shape.publishedOn.safeParse(
    typeof raw.publishedOn === 'string' ? raw.publishedOn : '',
  );
  const publishedOn = existing || !published.success ? undefined : published.data;
  return rowsFromFields(raw).flatMap(({ fields }, index) => {
    const values = pick(fields, ROW_FIELDS);
    const commitment = idField('').safeParse(values.commitmentId ?? '');
    if (!commitment.success) return [];
    const party = followUpRowSchema.in.shape.partyId.safeParse(values.partyId);
    const kind = kindField.safeParse(values.kind);
    const adopts = checkboxField.safeParse(values.adoptsProposal);
    const fact = factDateSchema.safeParse(values);
    const precision = fact.success ? fact.data.observedPrecision : 'day';
    let observedOn = fact.success ? fact.data.observedOn : null;
    if (fact.success && !observedOn && publishedOn !== undefined) {
      if (publishedOn || precision === 'unknown') observedOn = defaultFactDay(publishedOn);
    }
    return [
      {
        index,
        commitmentId: commitment.data,
        partyId: party.success ? party.data : null,
        kind: kind.success ? kind.data : 'assessment',
        adoptsProposal: adopts.success ? adopts.data : false,
        observedOn,
        observedPrecision: precision,
      },
    ];
  });
}

/** The action's reading of the form: the parsed input, or every schema error and what the database can check. */
export const followUpSubmissionSchema = z
  .record(z.string(), z.unknown())
  .transform((raw): FollowUpSubmission => {
    const parsed = logFollowUpSchema.safeParse(raw);
    if (parsed.success) return { ok: true, input: parsed.data };
    const flat = z.flattenError(parsed.error);
    const outlet = outletChoiceSchema.safeParse(
      pick(raw, ['outlet', 'newOutletName', 'newOutletReliability']),
    );
    const existing = idField('').safeParse(
      typeof raw.existingEvidenceId === 'string' ? raw.existingEvidenceId : '',
    );
    return {
      ok: false,
      message: flat.formErrors[0] ?? 'Check the highlighted fields.',
      fieldErrors: Object.fromEntries(
        Object.entries(flat.fieldErrors).filter((entry): entry is [string, string[]] =>
          Array.isArray(entry[1]),
        ),
      ),
      check: {
        rows: looseRows(raw),
        existingEvidenceId: existing.success ? existing.data : null,
        outlet: outlet.success && !existing.success ? outlet.data : null,
      },
    };
  });
