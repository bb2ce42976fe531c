// Every form holds to the rules of ./fields.ts: the same control characters, ids and years are refused by each,
// with the same message. A schema that checks text, ids or dates its own way fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { agreementSchema, updateAgreementSchema } from './agreement.ts';
import { categorySchema } from './category.ts';
import { commitmentSchema, updateCommitmentSchema } from './commitment.ts';
import { correctionSchema, retractionSchema } from './correction.ts';
import { updateEvidenceSchema } from './evidence-edit.ts';
import { parseEvidenceListParams } from './evidence-filters.ts';
import {
  CONTROL_CHARACTERS_MESSAGE,
  EVIDENCE_YEARS,
  RECORD_YEARS,
  recordIdField,
  tooLongMessage,
  versionField,
} from './fields.ts';
import { strictReportFiltersSchema } from './filters.ts';
import { logFollowUpSchema } from './follow-up.ts';
import { createOutletSchema, updateOutletSchema } from './outlet.ts';
import { parseIdParam } from './params.ts';
import { partySchema } from './party.ts';
import { personSchema } from './person.ts';
import { createUserSchema } from './users.ts';

type Fields = Record<string, unknown>;
type Form = { schema: z.ZodType; valid: Fields };

const newsItem = {
  title: 'Protection unit starts work',
  originalTitle: '',
  language: 'en',
  publishedOn: '2025-03-10',
  excerpt: '',
  credibility: '2',
  type: 'announcement',
};

const FORMS = {
  agreement: {
    schema: agreementSchema,
    valid: { title: 'Joint statement', kind: 'mou', concludedPrecision: 'unknown' },
  },
  updateAgreement: {
    schema: updateAgreementSchema,
    valid: { id: '3', version: '1', title: 'Joint statement', kind: 'mou', concludedPrecision: 'unknown' },
  },
  commitment: {
    schema: commitmentSchema,
    valid: { agreementId: '1', title: 'Joint exercises', categoryId: '2', responsiblePartyId: ['3'] },
  },
  updateCommitment: {
    schema: updateCommitmentSchema,
    valid: {
      id: '9',
      version: '1',
      agreementId: '1',
      title: 'Joint exercises',
      categoryId: '2',
      responsiblePartyId: ['3'],
    },
  },
  party: { schema: partySchema, valid: { name: 'Pakistan', kind: 'state' } },
  person: { schema: personSchema, valid: { name: 'A. Speaker' } },
  category: { schema: categorySchema, valid: { name: 'Security' } },
  outlet: { schema: createOutletSchema, valid: { name: 'Dawn', defaultReliability: 'B' } },
  updateOutlet: {
    schema: updateOutletSchema,
    valid: { id: '3', version: '2', name: 'Dawn', defaultReliability: 'B' },
  },
  followUp: {
    schema: logFollowUpSchema,
    valid: {
      url: 'https://www.dawn.com/news/123',
      outlet: '4',
      reliability: '',
      ...newsItem,
      'rows.0.commitmentId': '7',
      'rows.0.status': 'in_progress',
      'rows.0.partyId': '',
      'rows.0.observedOn': '',
      'rows.0.reason': '',
    },
  },
  followUpNewOutlet: {
    schema: logFollowUpSchema,
    valid: {
      url: 'https://www.dawn.com/news/123',
      outlet: 'new',
      newOutletName: 'Daily X',
      newOutletReliability: 'C',
      ...newsItem,
      'rows.0.commitmentId': '7',
      'rows.0.status': 'in_progress',
    },
  },
  evidence: {
    schema: updateEvidenceSchema,
    valid: { id: '5', version: '1', outletId: '4', reliability: 'B', ...newsItem },
  },
  correction: {
    schema: correctionSchema,
    valid: {
      updateId: '11',
      why: 'The date was wrong.',
      commitmentId: '7',
      status: 'in_progress',
      observedOn: '2025-01-01',
      reason: '',
    },
  },
  retraction: { schema: retractionSchema, valid: { updateId: '11', why: 'Not about this commitment.' } },
  user: {
    schema: createUserSchema,
    valid: { email: 'someone@example.org', name: 'Some One', role: 'analyst' },
  },
} satisfies Record<string, Form>;

type FormName = keyof typeof FORMS;

/** The messages of a submission, by field; {} when it is accepted. */
function errorsOf(form: FormName, changes: Fields): Record<string, string[]> {
  const { schema, valid }: Form = FORMS[form];
  const result = schema.safeParse({ ...valid, ...changes });
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}

/** Text fields: the form, the field, its limit, and a valid value to put a character into. */
type TextField = {
  form: FormName;
  field: string;
  max: number;
  /** A valid value (default: "Some text"). */
  value?: string;
  /** A valid value of `length` characters (default: the value padded with x). */
  long?: (length: number) => string;
  oneLine?: boolean;
};

const TEXT_FIELDS: TextField[] = [
  { form: 'agreement', field: 'title', max: 300 },
  { form: 'agreement', field: 'place', max: 200 },
  { form: 'agreement', field: 'summary', max: 10_000 },
  { form: 'commitment', field: 'title', max: 300 },
  { form: 'commitment', field: 'description', max: 5_000 },
  { form: 'party', field: 'name', max: 200 },
  { form: 'party', field: 'shortName', max: 50 },
  { form: 'person', field: 'name', max: 200 },
  { form: 'person', field: 'title', max: 200 },
  { form: 'category', field: 'name', max: 100 },
  { form: 'category', field: 'slug', max: 60, value: 'security-and-defence' },
  { form: 'outlet', field: 'name', max: 200 },
  { form: 'outlet', field: 'website', max: 2_000, value: 'https://www.dawn.com/' },
  { form: 'followUp', field: 'url', max: 2_000, value: 'https://www.dawn.com/news/123' },
  { form: 'followUp', field: 'title', max: 500 },
  { form: 'followUp', field: 'originalTitle', max: 500 },
  { form: 'followUp', field: 'excerpt', max: 20_000 },
  {
    form: 'followUp',
    field: 'language',
    max: 35,
    value: 'en-GB',
    long: (length) => 'en-aaaaaaaa-bbbbbbbb-cccccccc-ddddd'.padEnd(length, 'x'),
  },
  { form: 'followUp', field: 'rows.0.reason', max: 5_000 },
  { form: 'followUpNewOutlet', field: 'newOutletName', max: 200 },
  { form: 'evidence', field: 'title', max: 500 },
  { form: 'evidence', field: 'excerpt', max: 20_000 },
  { form: 'correction', field: 'why', max: 5_000 },
  { form: 'correction', field: 'reason', max: 5_000 },
  { form: 'retraction', field: 'why', max: 5_000 },
  { form: 'user', field: 'name', max: 120, oneLine: true },
];

const label = ({ form, field }: { form: string; field: string }) => `${form}.${field}`;

describe('the forms start valid', () => {
  it.each(Object.keys(FORMS) as FormName[])('%s', (form) => {
    expect(errorsOf(form, {})).toEqual({});
  });
});

describe('text: one control-character rule, one length message', () => {
  const CONTROL = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001B', '\u001F', '\u007F'];

  it.each(TEXT_FIELDS.map((spec) => [label(spec), spec] as const))(
    '%s refuses control characters with the one message',
    (_, { form, field, value = 'Some text' }) => {
      for (const character of CONTROL) {
        const text = `${value.slice(0, 2)}${character}${value.slice(2)}`;
        const errors = errorsOf(form, { [field]: text });
        expect(Object.keys(errors), JSON.stringify(character)).toEqual([field]);
        expect(errors[field], JSON.stringify(character)).toContain(CONTROL_CHARACTERS_MESSAGE);
      }
    },
  );

  it.each(TEXT_FIELDS.map((spec) => [label(spec), spec] as const))(
    '%s keeps tab and line breaks unless it is one line',
    (_, { form, field, value = 'Some text', oneLine }) => {
      for (const character of ['\t', '\n', '\r\n']) {
        const errors = errorsOf(form, { [field]: `${value.slice(0, 2)}${character}${value.slice(2)}` });
        if (oneLine) expect(errors[field]).toEqual([CONTROL_CHARACTERS_MESSAGE]);
        else expect(errors[field] ?? []).not.toContain(CONTROL_CHARACTERS_MESSAGE);
      }
    },
  );

  it.each(TEXT_FIELDS.map((spec) => [label(spec), spec] as const))(
    '%s says how long the text is when it is too long',
    (_, { form, field, max, value = 'Some text', long = (length) => value.padEnd(length, 'x') }) => {
      expect(errorsOf(form, { [field]: long(max) })).toEqual({});
      expect(errorsOf(form, { [field]: long(max + 1) })).toEqual({
        [field]: [tooLongMessage(max, max + 1)],
      });
    },
  );
});

describe('ids: digits only, within PostgreSQL integer', () => {
  const BAD = ['0', '-1', '+5', '1.0', '1e3', '0x10', '1 2', 'abc', '2147483648', '99999999999'];

  const ID_FIELDS: { form: FormName; field: string; list?: boolean }[] = [
    { form: 'updateAgreement', field: 'id' },
    { form: 'updateAgreement', field: 'version' },
    { form: 'agreement', field: 'partyId', list: true },
    { form: 'commitment', field: 'agreementId' },
    { form: 'commitment', field: 'categoryId' },
    { form: 'commitment', field: 'reciprocalId' },
    { form: 'commitment', field: 'responsiblePartyId', list: true },
    { form: 'updateCommitment', field: 'id' },
    { form: 'updateCommitment', field: 'version' },
    { form: 'party', field: 'parentId' },
    { form: 'person', field: 'partyId' },
    { form: 'updateOutlet', field: 'id' },
    { form: 'updateOutlet', field: 'version' },
    { form: 'followUp', field: 'outlet' },
    { form: 'followUp', field: 'rows.0.commitmentId' },
    { form: 'followUp', field: 'rows.0.partyId' },
    { form: 'evidence', field: 'id' },
    { form: 'evidence', field: 'version' },
    { form: 'evidence', field: 'outletId' },
    { form: 'correction', field: 'updateId' },
    { form: 'retraction', field: 'updateId' },
  ];

  it.each(ID_FIELDS.map((spec) => [label(spec), spec] as const))('%s', (_, { form, field, list }) => {
    const extra = form === 'agreement' ? { partyRole: ['signatory'] } : {};
    for (const bad of BAD) {
      const errors = errorsOf(form, { ...extra, [field]: list ? [bad] : bad });
      expect(Object.keys(errors), bad).toEqual([field]);
    }
    expect(errorsOf(form, { ...extra, [field]: list ? [' 2147483647 '] : ' 2147483647 ' })).toEqual({});
  });

  it('in the URL too: route segments, report filters and list filters', () => {
    for (const bad of BAD) {
      expect(parseIdParam(bad), bad).toBeNull();
      expect(strictReportFiltersSchema.safeParse({ party: bad }).success, bad).toBe(false);
      expect(parseEvidenceListParams({ outlet: bad }).outletId, bad).toBeUndefined();
    }
    expect(parseIdParam('2147483647')).toBe(2_147_483_647);
    expect(strictReportFiltersSchema.parse({ party: '2147483647' }).party).toBe(2_147_483_647);
    expect(parseEvidenceListParams({ outlet: '2147483647' }).outletId).toBe(2_147_483_647);
  });

  it('the hidden id and version of every edit form say the same', () => {
    const [id, version] = [recordIdField.safeParse('x'), versionField.safeParse('x')];
    for (const [form, field, result] of [
      ['updateAgreement', 'id', id],
      ['updateCommitment', 'version', version],
      ['updateOutlet', 'id', id],
      ['updateOutlet', 'version', version],
      ['evidence', 'version', version],
    ] as const) {
      expect(errorsOf(form, { [field]: 'x' })[field], `${form}.${field}`).toEqual([
        result.error!.issues[0].message,
      ]);
    }
  });
});

describe('days: one parser, two year ranges', () => {
  const RECORD_DAYS: { form: FormName; field: string; changes?: Fields; text: (year: number) => string }[] = [
    {
      form: 'agreement',
      field: 'concludedOn',
      changes: { concludedPrecision: 'day' },
      text: (y) => `${y}-12-31`,
    },
    {
      form: 'agreement',
      field: 'concludedOn',
      changes: { concludedPrecision: 'month' },
      text: (y) => `${y}-06`,
    },
    { form: 'agreement', field: 'concludedOn', changes: { concludedPrecision: 'year' }, text: (y) => `${y}` },
    { form: 'commitment', field: 'dueOn', text: (y) => `${y}-01-01` },
    {
      form: 'commitment',
      field: 'recurrenceStartsOn',
      changes: { recurrenceMonths: '3' },
      text: (y) => `${y}-01-01`,
    },
  ];

  it.each(RECORD_DAYS.map((spec) => [label(spec), spec] as const))(
    `%s: years ${RECORD_YEARS.from} to ${RECORD_YEARS.to}`,
    (_, { form, field, changes = {}, text }) => {
      for (const year of [RECORD_YEARS.from, RECORD_YEARS.to]) {
        expect(errorsOf(form, { ...changes, [field]: text(year) }), String(year)).toEqual({});
      }
      for (const year of [RECORD_YEARS.from - 1, RECORD_YEARS.to + 1, 3000]) {
        expect(errorsOf(form, { ...changes, [field]: text(year) })[field], String(year)).toEqual([
          RECORD_YEARS.message,
        ]);
      }
    },
  );

  const EVIDENCE_DAYS: {
    form: FormName;
    field: string;
    precision?: string;
    text: (year: number) => string;
  }[] = [
    { form: 'followUp', field: 'publishedOn', text: (y) => `${y}-01-01` },
    { form: 'followUp', field: 'rows.0.observedOn', text: (y) => `${y}-01-01` },
    { form: 'followUp', field: 'rows.0.observedOn', precision: 'month', text: (y) => `${y}-01` },
    { form: 'followUp', field: 'rows.0.observedOn', precision: 'year', text: (y) => `${y}` },
    { form: 'evidence', field: 'publishedOn', text: (y) => `${y}-01-01` },
    { form: 'correction', field: 'observedOn', text: (y) => `${y}-01-01` },
    { form: 'correction', field: 'observedOn', precision: 'year', text: (y) => `${y}` },
  ];

  it.each(EVIDENCE_DAYS.map((spec) => [`${label(spec)} ${spec.precision ?? 'day'}`, spec] as const))(
    `%s: from ${EVIDENCE_YEARS.from}`,
    (_, { form, field, precision, text }) => {
      const precisionField = field.replace(/observedOn$/, 'observedPrecision');
      const changes = precision ? { [precisionField]: precision } : {};
      expect(errorsOf(form, { ...changes, [field]: text(EVIDENCE_YEARS.from) })).toEqual({});
      expect(errorsOf(form, { ...changes, [field]: text(EVIDENCE_YEARS.from - 1) })[field]).toEqual([
        EVIDENCE_YEARS.message,
      ]);
    },
  );

  it('a day that is not one gets the same words everywhere', () => {
    const messages = [
      errorsOf('commitment', { dueOn: '2026-02-30' }).dueOn,
      errorsOf('followUp', { publishedOn: '2026-02-30' }).publishedOn,
      errorsOf('evidence', { publishedOn: '2026-02-30' }).publishedOn,
      errorsOf('correction', { observedOn: '2026-02-30' }).observedOn,
    ].map((errors) => errors?.[0]?.replace(/real .* as/, 'real … as'));
    expect(new Set(messages).size, messages.join(' | ')).toBe(1);
    expect(messages[0]).toMatch(/^Enter a real … as YYYY-MM-DD/);
  });
});

describe('the rules are written once', () => {
  const modules = readdirSync(new URL('.', import.meta.url))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'fields.ts')
    .map((name) => [name, readFileSync(new URL(name, import.meta.url), 'utf8')] as const);

  it.each([
    ['a PostgreSQL integer bound', /2_?147_?483_?647/],
    ['a control-character class', /\\u00(?:00|1[fF])-|\\u007[fF]/],
    ['a control-character message', /invisible control/i],
    ['a year floor or range', /\b1[89]00\b/],
  ])('no module but fields.ts writes %s', (_, pattern) => {
    for (const [name, source] of modules) expect(pattern.test(source), name).toBe(false);
  });
});
