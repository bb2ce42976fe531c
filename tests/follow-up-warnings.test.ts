// Warnings before saving (issue "[3/9]", items 1 and 3): an update that would not become current (older or undated
// against dated news) or would move a status backwards is not saved until the analyst confirms ("Save anyway"),
// in the log-follow-up action; the CSV import's dry run lists the same warnings. Both paths are tested: refused
// with the reason shown and nothing written, then saved once confirmed. Only the session and Next are replaced.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import { addDays, formatDay, today } from '../lib/domain/dates.ts';
import { NEW_OUTLET } from '../lib/validation/follow-up.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';
import { updatesCsv } from './support/csv-fixtures.ts';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
const redirects = vi.hoisted(() => [] as string[]);

vi.mock('../lib/auth/session.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/auth/session.ts')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('next/cache', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/cache')>()),
  revalidatePath: vi.fn(),
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  redirect: (url: string) => {
    redirects.push(url);
  },
}));

const { logFollowUp } = await import('../app/(app)/follow-ups/actions.ts');
const { previewImport } = await import('../lib/csv/importer.ts');

const prisma = testPrisma();
let outletId: number;
let analystName: string;

beforeAll(async () => {
  const analyst = await createTestUser(prisma, 'analyst', { label: 'warnings' });
  session.user = { ...analyst, deactivatedAt: null };
  analystName = analyst.name;
  outletId = (await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function newCommitment() {
  const category = await prisma.category.create({ data: { slug: unique('cat'), name: unique('Category') } });
  const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
  return prisma.commitment.create({
    data: { agreementId: agreement.id, categoryId: category.id, title: unique('Protection unit') },
    include: { agreement: true },
  });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

function item(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    url: `https://news.example.com/${unique('story')}`,
    outlet: String(outletId),
    title: 'Protection unit',
    language: 'en',
    credibility: '2',
    type: 'concrete_action',
    ...overrides,
  };
}

const updatesOf = (commitmentId: number) =>
  prisma.statusUpdate.findMany({ where: { commitmentId }, orderBy: { id: 'asc' } });

describe('logging a follow-up that would not become current, or moves the status back', () => {
  it('an undated pre-announcement after a dated "established" report: warned, then saved without changing the status', async () => {
    const commitment = await newCommitment();
    const established = await logFollowUp(
      form({
        ...item({ publishedOn: '2025-06-12', title: 'Unit established' }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'fulfilled',
      }),
    );
    expect(established).toMatchObject({ ok: true });

    // No printed date: the form defaults to "undated, no later than today", never "today, to the day".
    const preAnnouncement = {
      ...item({ title: 'Unit to be set up', type: 'announcement', publishedOn: '' }),
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.status': 'in_progress',
      'rows.0.observedPrecision': 'unknown',
    };
    const refused = await logFollowUp(form(preAnnouncement));
    expect(refused).toMatchObject({ ok: false, reason: 'rejected' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.message).toMatch(/Save anyway/);
    expect(refused.fieldErrors['rows.0.warning']?.[0]).toMatch(
      /will not become the current status: the current “Fulfilled” rests on news of 12 Jun 2025, and an undated item never outranks dated news \(undated, by \d+ \w+ \d{4}\)/,
    );
    expect(await updatesOf(commitment.id)).toHaveLength(1);

    const saved = await logFollowUp(form({ ...preAnnouncement, confirmWarnings: 'yes' }));
    expect(saved).toMatchObject({ ok: true });
    const updates = await updatesOf(commitment.id);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({ observedPrecision: 'unknown', observedOn: today() });
    const after = await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } });
    expect(after.status).toBe('fulfilled');
  });

  it('a field to fix comes before a warning to confirm: an existing outlet named as new is refused first', async () => {
    const commitment = await newCommitment();
    await logFollowUp(
      form({
        ...item({ publishedOn: formatDay(addDays(today(), -7)) }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'fulfilled',
      }),
    );
    const existing = await prisma.outlet.findUniqueOrThrow({ where: { id: outletId } });
    const both = {
      ...item({ publishedOn: formatDay(today()), outlet: NEW_OUTLET }),
      newOutletName: existing.name.toUpperCase(),
      newOutletReliability: 'C',
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.status': 'in_progress',
    };
    const refused = await logFollowUp(form(both));
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.fieldErrors.newOutletName?.[0]).toMatch(/already exists/);
    expect(refused.fieldErrors['rows.0.warning']).toBeUndefined();
    // Fixed, it is warned; confirmed, it is saved.
    const fixed = { ...both, outlet: String(outletId) };
    const warned = await logFollowUp(form(fixed));
    if (warned.ok) throw new Error('expected a warning');
    expect(warned.fieldErrors['rows.0.warning']?.[0]).toMatch(/moves the status backwards/);
    expect(await updatesOf(commitment.id)).toHaveLength(1);
    expect(await logFollowUp(form({ ...fixed, confirmWarnings: 'yes' }))).toMatchObject({ ok: true });
    expect(await updatesOf(commitment.id)).toHaveLength(2);
  });

  it('a later report that moves the status backwards: warned with both statuses, saved once confirmed', async () => {
    const commitment = await newCommitment();
    const weekAgo = formatDay(addDays(today(), -7));
    await logFollowUp(
      form({
        ...item({ publishedOn: weekAgo }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'fulfilled',
      }),
    );
    const backwards = {
      ...item({ publishedOn: formatDay(today()) }),
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.status': 'in_progress',
    };
    const refused = await logFollowUp(form(backwards));
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.fieldErrors['rows.0.warning']?.[0]).toMatch(
      /moves the status backwards, from “Fulfilled” \(.+\) to “In progress”/,
    );
    expect(await updatesOf(commitment.id)).toHaveLength(1);
    expect(await logFollowUp(form({ ...backwards, confirmWarnings: 'yes' }))).toMatchObject({ ok: true });
    expect((await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).status).toBe(
      'in_progress',
    );
  });

  it('news that moves the status on is saved at once, with no warning', async () => {
    const commitment = await newCommitment();
    const result = await logFollowUp(
      form({
        ...item({ publishedOn: '2025-06-12' }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'in_progress',
      }),
    );
    expect(result).toMatchObject({ ok: true });
    const next = await logFollowUp(
      form({
        ...item({ publishedOn: '2025-06-13' }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'fulfilled',
      }),
    );
    expect(next).toMatchObject({ ok: true });
  });
});

describe('the CSV import dry run', () => {
  it('lists the same warnings (as warnings, not problems): the import still goes ahead', async () => {
    const commitment = await newCommitment();
    await logFollowUp(
      form({
        ...item({ publishedOn: '2025-06-12' }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.status': 'fulfilled',
      }),
    );
    const base = { agreement: commitment.agreement.title, commitment: commitment.title, author: analystName };
    const csv = updatesCsv([
      { ...base, observed_on: '2025-06-01', status: 'in_progress', observed_precision: 'month' },
      { ...base, observed_on: '2025-06-20', status: 'partially_fulfilled' },
      { ...base, observed_on: '2025-06-21', status: 'fulfilled', observed_precision: '' },
    ]);
    const preview = await previewImport(prisma, new TextEncoder().encode(csv), {
      id: session.user!.id,
      name: analystName,
    });
    expect(preview.problemCount).toBe(0);
    expect(preview.toImport).toBe(3);
    expect(preview.warnings.map((warning) => [warning.row, warning.column])).toEqual([
      [2, 'observed_on'],
      [3, 'status'],
    ]);
    expect(preview.warnings[0].message).toMatch(
      /rests on news of 12 Jun 2025, and its fact date is older \(June 2025\)/,
    );
    expect(preview.warnings[1].message).toMatch(/from “Fulfilled” \(12 Jun 2025\) to “Partially fulfilled”/);
  });
});
