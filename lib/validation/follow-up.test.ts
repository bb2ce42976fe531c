import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { addDays, formatDay, today } from '../domain/dates.ts';
import { followUpSubmissionSchema, logFollowUpSchema } from './follow-up.ts';

const valid = {
  url: 'https://www.dawn.com/news/123?utm_source=twitter',
  outlet: '4',
  title: 'Protection unit starts work',
  originalTitle: '',
  language: 'en',
  publishedOn: '2026-03-10',
  excerpt: '',
  reliability: '',
  credibility: '2',
  type: 'announcement',
  'rows.0.commitmentId': '7',
  'rows.0.status': 'in_progress',
  'rows.0.partyId': '',
  'rows.0.observedOn': '',
  'rows.0.reason': '',
};

function errorsOf(fields: Record<string, string>): Record<string, string[]> {
  const result = logFollowUpSchema.safeParse(fields);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
}

describe('logFollowUpSchema', () => {
  it('turns the form into one item and its rows: URL normalised, fact date defaulting to the published date', () => {
    const result = logFollowUpSchema.parse(valid);
    expect(result.url).toBe('https://www.dawn.com/news/123');
    expect(result.item).toMatchObject({
      kind: 'new',
      outlet: { kind: 'existing', id: 4 },
      title: 'Protection unit starts work',
      originalTitle: null,
      excerpt: null,
      reliability: null,
      credibility: 2,
      type: 'announcement',
    });
    expect(result.rows).toHaveLength(1);
    expect(formatDay(result.rows[0].observedOn!)).toBe('2026-03-10');
    expect(result.rows[0]).toMatchObject({
      commitmentId: 7,
      status: 'in_progress',
      partyId: null,
      reason: null,
    });
  });

  it('reports each problem under its own field, rows included, all at once', () => {
    const errors = errorsOf({
      ...valid,
      url: '',
      title: 'x'.repeat(20_000),
      publishedOn: '3000-01-01',
      'rows.0.status': 'broken',
      'rows.1.commitmentId': '',
      'rows.1.status': 'fulfilled',
      'rows.1.observedOn': '2026-02-30',
    });
    expect(errors.url).toEqual(['Enter the web address of the item.']);
    expect(errors.title?.[0]).toMatch(/at most 500 characters \(this has 20,000\)/);
    expect(errors.publishedOn?.[0]).toMatch(/cannot be published in the future/);
    expect(errors['rows.0.reason']?.[0]).toMatch(/reason is required for "Broken"/);
    expect(errors['rows.1.commitmentId']).toEqual(['Choose the commitment this item bears on.']);
    expect(errors['rows.1.observedOn']?.[0]).toMatch(/real calendar day/);
  });

  it('refuses a malformed URL, a fact date after today and an unknown language tag', () => {
    const errors = errorsOf({
      ...valid,
      url: 'dawn dot com slash news',
      language: 'english!',
      'rows.0.observedOn': formatDay(addDays(today(), 1)),
    });
    expect(errors.url?.[0]).toMatch(/starting with http:\/\/ or https:\/\//);
    expect(errors.language?.[0]).toMatch(/BCP 47/);
    expect(errors['rows.0.observedOn']?.[0]).toMatch(/cannot have held after today/);
  });

  it('accepts a publication date up to tomorrow (time zones ahead of UTC), not later, and from 1900 on', () => {
    expect(errorsOf({ ...valid, publishedOn: formatDay(today()) })).toEqual({});
    expect(errorsOf({ ...valid, publishedOn: formatDay(addDays(today(), 1)) })).toEqual({});
    const future = errorsOf({ ...valid, publishedOn: formatDay(addDays(today(), 2)) }).publishedOn?.[0];
    expect(future).toMatch(/cannot be published in the future/);
    expect(future).toContain(formatDay(addDays(today(), 1)));
    expect(errorsOf({ ...valid, publishedOn: '2027-06-01' }).publishedOn?.[0]).toMatch(/in the future/);
    expect(errorsOf({ ...valid, publishedOn: '1899-12-31' }).publishedOn?.[0]).toMatch(/1900/);
  });

  it('asks undated items for a fact date on every row', () => {
    const errors = errorsOf({ ...valid, publishedOn: '' });
    expect(errors['rows.0.observedOn']?.[0]).toMatch(/no published date/);
    expect(errorsOf({ ...valid, publishedOn: '', 'rows.0.observedOn': '2026-01-02' })).toEqual({});
  });

  it('wants a name and a reliability for an outlet created inline', () => {
    const errors = errorsOf({ ...valid, outlet: 'new', newOutletName: ' ', newOutletReliability: '' });
    expect(Object.keys(errors).sort()).toEqual(['newOutletName', 'newOutletReliability']);
    const ok = logFollowUpSchema.parse({
      ...valid,
      outlet: 'new',
      newOutletName: 'Daily X',
      newOutletReliability: 'C',
    });
    expect(ok.item).toMatchObject({ outlet: { kind: 'new', name: 'Daily X', defaultReliability: 'C' } });
  });

  it('needs at least one row, and refuses the same commitment twice for the same party', () => {
    const { ['rows.0.commitmentId']: _c, ['rows.0.status']: _s, ...noRows } = valid;
    void _c;
    void _s;
    const withoutRows = Object.fromEntries(
      Object.entries(noRows).filter(([key]) => !key.startsWith('rows.')),
    );
    expect(errorsOf(withoutRows).rows?.[0]).toMatch(/at least one commitment/);
    const errors = errorsOf({ ...valid, 'rows.1.commitmentId': '7', 'rows.1.status': 'fulfilled' });
    expect(errors['rows.1.commitmentId']?.[0]).toMatch(/Row 1 already logs this commitment/);
    // The same commitment for two different parties is two assessments: allowed.
    expect(
      errorsOf({
        ...valid,
        'rows.0.partyId': '1',
        'rows.1.commitmentId': '7',
        'rows.1.status': 'fulfilled',
        'rows.1.partyId': '2',
      }),
    ).toEqual({});
  });

  it('stores language tags in canonical case', () => {
    expect(logFollowUpSchema.parse({ ...valid, language: 'ZH-hant' }).item).toMatchObject({
      language: 'zh-Hant',
    });
  });

  it('asks for nothing but the URL and rows when citing an item already logged', () => {
    const result = logFollowUpSchema.parse({
      url: 'https://www.dawn.com/news/123',
      existingEvidenceId: '12',
      'rows.0.commitmentId': '7',
      'rows.0.status': 'fulfilled',
    });
    expect(result.item).toEqual({ kind: 'existing', evidenceId: 12 });
    expect(result.rows[0].observedOn).toBeNull();
  });

  it('reads the fact date at its precision: a month or year ends on its last day (or today), undated by a day', () => {
    const row = (fields: Record<string, string>) => logFollowUpSchema.parse({ ...valid, ...fields }).rows[0];
    const june = row({ 'rows.0.observedPrecision': 'month', 'rows.0.observedOn': '2025-06' });
    expect([formatDay(june.observedOn!), june.observedPrecision]).toEqual(['2025-06-30', 'month']);
    expect(
      formatDay(row({ 'rows.0.observedPrecision': 'year', 'rows.0.observedOn': '2024' }).observedOn!),
    ).toBe('2024-12-31');
    const thisMonth = formatDay(today()).slice(0, 7);
    expect(
      formatDay(row({ 'rows.0.observedPrecision': 'month', 'rows.0.observedOn': thisMonth }).observedOn!),
    ).toBe(formatDay(today()));
    // A day typed for a month takes its month.
    expect(
      formatDay(row({ 'rows.0.observedPrecision': 'month', 'rows.0.observedOn': '2025-02-10' }).observedOn!),
    ).toBe('2025-02-28');
    const undated = row({ 'rows.0.observedPrecision': 'unknown', 'rows.0.observedOn': '2025-05-20' });
    expect([formatDay(undated.observedOn!), undated.observedPrecision]).toEqual(['2025-05-20', 'unknown']);
    expect(row({}).observedPrecision).toBe('day');

    expect(errorsOf({ ...valid, 'rows.0.observedPrecision': 'month' })['rows.0.observedOn']?.[0]).toMatch(
      /Enter the month/,
    );
    expect(
      errorsOf({ ...valid, 'rows.0.observedPrecision': 'day', 'rows.0.observedOn': '2025-06' })[
        'rows.0.observedOn'
      ]?.[0],
    ).toMatch(/Enter a day/);
    expect(
      errorsOf({ ...valid, 'rows.0.observedPrecision': 'month', 'rows.0.observedOn': '2025-13' })[
        'rows.0.observedOn'
      ]?.[0],
    ).toMatch(/real calendar day/);
    expect(
      errorsOf({
        ...valid,
        'rows.0.observedPrecision': 'year',
        'rows.0.observedOn': String(today().getUTCFullYear() + 1),
      })['rows.0.observedOn']?.[0],
    ).toMatch(/after today/);
    expect(
      errorsOf({ ...valid, 'rows.0.observedPrecision': 'roughly' })['rows.0.observedPrecision'],
    ).toBeDefined();
  });

  it('dates an undated item\'s fact "no later than today", never silently to the day', () => {
    const result = logFollowUpSchema.parse({
      ...valid,
      publishedOn: '',
      'rows.0.observedPrecision': 'unknown',
    });
    expect(result.rows[0]).toMatchObject({ observedPrecision: 'unknown', observedOn: today() });
    // To the day, an undated item still needs the day typed in.
    expect(errorsOf({ ...valid, publishedOn: '' })['rows.0.observedOn']?.[0]).toMatch(/choose “Undated”/);
  });

  it('carries the "Save anyway" confirmation', () => {
    expect(logFollowUpSchema.parse(valid).confirmed).toBe(false);
    expect(logFollowUpSchema.parse({ ...valid, confirmWarnings: 'yes' }).confirmed).toBe(true);
  });
});

describe('row kinds, evidence type and adoption', () => {
  it('reads a corroboration without a status, an evidence type equal to the item’s as null, and adoption', () => {
    const result = logFollowUpSchema.parse({
      ...valid,
      'rows.0.kind': 'corroboration',
      'rows.0.status': '',
      'rows.0.evidenceType': 'announcement',
      'rows.1.commitmentId': '8',
      'rows.1.status': 'not_started',
      'rows.1.evidenceType': 'contradiction',
      'rows.1.adoptsProposal': 'yes',
    });
    expect(result.rows[0]).toMatchObject({ kind: 'corroboration', status: null, evidenceType: null });
    expect(result.rows[1]).toMatchObject({
      kind: 'assessment',
      status: 'not_started',
      evidenceType: 'contradiction',
      adoptsProposal: true,
    });
  });

  it('refuses an unknown kind, a missing status for an assessment, and an adoption that does not set the status', () => {
    const errors = errorsOf({
      ...valid,
      'rows.0.kind': 'rumour',
      'rows.1.commitmentId': '8',
      'rows.1.status': '',
      'rows.2.commitmentId': '9',
      'rows.2.kind': 'context',
      'rows.2.status': 'not_started',
      'rows.2.adoptsProposal': 'yes',
    });
    expect(Object.keys(errors).sort()).toEqual(['rows.0.kind', 'rows.1.status', 'rows.2.adoptsProposal']);
  });
});

describe('followUpSubmissionSchema', () => {
  it('never fails: a refused form carries its errors and what the database can still check', () => {
    const result = followUpSubmissionSchema.parse({
      ...valid,
      title: '',
      'rows.0.observedOn': '2025-06',
      'rows.0.observedPrecision': 'month',
      'rows.1.commitmentId': '8',
      'rows.1.status': '',
      'rows.1.kind': 'context',
    });
    if (result.ok) throw new Error('expected a refusal');
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['rows.1.status', 'title']);
    expect(result.check.outlet).toEqual({ kind: 'existing', id: 4 });
    expect(
      result.check.rows.map((row) => [
        row.index,
        row.commitmentId,
        row.kind,
        row.observedOn && formatDay(row.observedOn),
      ]),
    ).toEqual([
      [0, 7, 'assessment', '2025-06-30'],
      // No date typed: the published date.
      [1, 8, 'context', '2026-03-10'],
    ]);
    expect(followUpSubmissionSchema.parse(valid).ok).toBe(true);
  });
});
