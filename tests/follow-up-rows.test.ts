// Issue "[3/9]" items 4, 5, 11 and 12 in the log-follow-up action, against a real database: fact dates against
// the agreement's date (refused before it unless marked context; context long before it warned), every problem of
// a submit reported at once (schema and database together), corroboration, the per-row evidence type, adoption of
// a proposal, exact repeats that include the row's kind, and "New commitment" from inside the form.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../lib/auth/session.ts';
import type { ActionResult } from '../lib/auth/action-core.ts';
import { formatDay } from '../lib/domain/dates.ts';
import { testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

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
const { createCommitmentFromFollowUp } = await import('../app/(app)/follow-ups/new/actions.ts');

const prisma = testPrisma();
let outletId: number;
let analystId: string;
let partyId: number;

beforeAll(async () => {
  const analyst = await createTestUser(prisma, 'analyst', { label: 'rows' });
  session.user = { ...analyst, deactivatedAt: null };
  analystId = analyst.id;
  outletId = (await prisma.outlet.create({ data: { name: unique('Outlet'), defaultReliability: 'B' } })).id;
  partyId = (await prisma.party.create({ data: { name: unique('Party'), kind: 'ministry' } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

/** A commitment of an agreement concluded on `concludedOn` (at `precision`), partyId responsible. */
async function newCommitment(
  options: {
    concludedOn?: string;
    precision?: 'day' | 'month' | 'year';
    strength?: 'firm' | 'intent' | 'proposal';
  } = {},
) {
  const category = await prisma.category.create({ data: { slug: unique('cat'), name: unique('Category') } });
  const agreement = await prisma.agreement.create({
    data: {
      title: unique('Agreement'),
      kind: 'mou',
      concludedOn: options.concludedOn ? new Date(`${options.concludedOn}T00:00:00Z`) : null,
      concludedPrecision: options.concludedOn ? (options.precision ?? 'day') : 'unknown',
    },
  });
  return prisma.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: unique('Commitment'),
      strength: options.strength ?? 'firm',
      parties: { create: [{ partyId, role: 'responsible' }] },
    },
  });
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  return data;
}

function item(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    url: `https://news.example.com/${unique('rows')}`,
    outlet: String(outletId),
    title: 'Unit announced',
    language: 'en',
    publishedOn: '2026-03-10',
    credibility: '2',
    type: 'announcement',
    ...overrides,
  };
}

async function submit(fields: Record<string, string>): Promise<ActionResult> {
  return logFollowUp(null, form(fields));
}

function failure(result: ActionResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

describe('fact dates against the agreement', () => {
  it('refuses a fact before the agreement, beside the row’s date, unless the row is context', async () => {
    const commitment = await newCommitment({ concludedOn: '2026-02-15', precision: 'month' });
    const fields = {
      ...item(),
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.status': 'in_progress',
      'rows.0.observedOn': '2026-01-31',
    };
    const refused = failure(await submit(fields));
    expect(refused.fieldErrors['rows.0.observedOn']?.[0]).toMatch(
      /before the agreement was concluded \(February 2026\).*context/,
    );
    // The first day of the agreement's month is the earliest it may have been concluded: allowed.
    const onTheFirst = await submit({ ...fields, 'rows.0.observedOn': '2026-02-01', url: item().url });
    expect(onTheFirst.ok).toBe(true);

    const context = await submit({ ...fields, url: item().url, 'rows.0.kind': 'context' });
    expect(context.ok).toBe(true);
    const rows = await prisma.statusUpdate.findMany({
      where: { commitmentId: commitment.id },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => [row.kind, formatDay(row.observedOn)])).toEqual([
      ['assessment', '2026-02-01'],
      ['context', '2026-01-31'],
    ]);
    // Context never counts: the status rests on the assessment.
    const after = await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } });
    expect(formatDay(after.statusSince!)).toBe('2026-02-01');
  });

  it('refuses context after the agreement, and warns about context more than five years before it', async () => {
    const commitment = await newCommitment({ concludedOn: '2025-06-14' });
    const after = failure(
      await submit({
        ...item(),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.kind': 'context',
        'rows.0.status': 'not_started',
        'rows.0.observedOn': '2025-07-01',
      }),
    );
    expect(after.fieldErrors['rows.0.kind']?.[0]).toMatch(/after it was concluded/);

    const old = {
      ...item(),
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.kind': 'context',
      'rows.0.status': 'not_started',
      'rows.0.observedOn': '2019-03-01',
    };
    const warned = failure(await submit(old));
    expect(warned.fieldErrors['rows.0.warning']?.[0]).toMatch(/more than 5 years before the agreement/);
    expect(await prisma.statusUpdate.count({ where: { commitmentId: commitment.id } })).toBe(0);
    expect((await submit({ ...old, confirmWarnings: 'yes' })).ok).toBe(true);
    expect(await prisma.statusUpdate.count({ where: { commitmentId: commitment.id, kind: 'context' } })).toBe(
      1,
    );
  });
});

describe('every problem at once', () => {
  it('a submit with a schema error, an archived commitment and a date before the agreement reports all three', async () => {
    const archived = await newCommitment();
    await prisma.commitment.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const dated = await newCommitment({ concludedOn: '2026-01-10' });
    const result = failure(
      await submit({
        ...item({ title: '' }),
        'rows.0.commitmentId': String(archived.id),
        'rows.0.status': 'in_progress',
        'rows.1.commitmentId': String(dated.id),
        'rows.1.status': 'in_progress',
        'rows.1.observedOn': '2025-12-01',
      }),
    );
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      'rows.0.commitmentId',
      'rows.1.observedOn',
      'title',
    ]);
    expect(result.fieldErrors['rows.0.commitmentId']).toEqual([
      'That commitment is archived: choose another.',
    ]);
    // What the user typed comes back to refill the form.
    expect(result.values['rows.1.observedOn']).toBe('2025-12-01');
  });

  it('reports a stranger party and a new outlet whose name is taken together with a missing status', async () => {
    const commitment = await newCommitment();
    const stranger = await prisma.party.create({ data: { name: unique('Stranger'), kind: 'state' } });
    const taken = await prisma.outlet.findUniqueOrThrow({ where: { id: outletId } });
    const result = failure(
      await submit({
        ...item({ outlet: 'new', newOutletName: taken.name.toUpperCase(), newOutletReliability: 'C' }),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.partyId': String(stranger.id),
        'rows.0.status': '',
      }),
    );
    expect(Object.keys(result.fieldErrors).sort()).toEqual([
      'newOutletName',
      'rows.0.partyId',
      'rows.0.status',
    ]);
  });
});

describe('corroboration, evidence type and adoption', () => {
  it('a corroboration takes the current status, changes nothing, and needs something to corroborate', async () => {
    const commitment = await newCommitment();
    const nothing = failure(
      await submit({
        ...item(),
        'rows.0.commitmentId': String(commitment.id),
        'rows.0.kind': 'corroboration',
      }),
    );
    expect(nothing.fieldErrors['rows.0.kind']?.[0]).toMatch(/Nothing to corroborate yet/);

    expect(
      (
        await submit({
          ...item({ publishedOn: '2026-03-01' }),
          'rows.0.commitmentId': String(commitment.id),
          'rows.0.status': 'in_progress',
        })
      ).ok,
    ).toBe(true);
    const before = await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } });

    const url = item().url;
    const corroboration = {
      ...item({ url, type: 'concrete_action', publishedOn: '2026-03-20' }),
      'rows.0.commitmentId': String(commitment.id),
      'rows.0.kind': 'corroboration',
      // The item's own type: stored as null.
      'rows.0.evidenceType': 'concrete_action',
    };
    expect((await submit(corroboration)).ok).toBe(true);
    const row = await prisma.statusUpdate.findFirstOrThrow({
      where: { commitmentId: commitment.id, kind: 'corroboration' },
    });
    expect(row).toMatchObject({ status: 'in_progress', evidenceType: null, authorId: analystId });
    const after = await prisma.commitment.findUniqueOrThrow({ where: { id: commitment.id } });
    // The status and since when it holds stay (what the status cache makes of a corroboration's date is
    // lib/data/status-cache.ts's rule).
    expect([after.status, after.statusSince]).toEqual([before.status, before.statusSince]);

    // Sent again: an exact repeat. The same row as an assessment is not the same follow-up.
    const again = failure(await submit(corroboration));
    expect(again.message).toMatch(/^Already logged/);
    const assessment = await submit({
      ...corroboration,
      'rows.0.kind': 'assessment',
      'rows.0.status': 'in_progress',
      // Another type than the item's: kept.
      'rows.0.evidenceType': 'contradiction',
    });
    expect(assessment.ok).toBe(true);
    expect(
      await prisma.statusUpdate.findFirst({
        where: { commitmentId: commitment.id, kind: 'assessment', evidenceType: 'contradiction' },
      }),
    ).not.toBeNull();
  });

  it('records the adoption of a proposal, and refuses it for a firm commitment', async () => {
    const firm = await newCommitment();
    const refused = failure(
      await submit({
        ...item(),
        'rows.0.commitmentId': String(firm.id),
        'rows.0.status': 'in_progress',
        'rows.0.adoptsProposal': 'yes',
      }),
    );
    expect(refused.fieldErrors['rows.0.adoptsProposal']?.[0]).toMatch(/Only a proposal can be adopted/);

    const proposal = await newCommitment({ strength: 'proposal' });
    const adopted = await submit({
      ...item(),
      'rows.0.commitmentId': String(proposal.id),
      'rows.0.status': 'not_started',
      'rows.0.adoptsProposal': 'yes',
    });
    expect(adopted.ok).toBe(true);
    expect(
      await prisma.statusUpdate.findFirstOrThrow({ where: { commitmentId: proposal.id } }),
    ).toMatchObject({ adoptsProposal: true, kind: 'assessment' });
  });
});

describe('New commitment from inside the form', () => {
  it('creates the commitment, audited with its author, and answers it as the form offers it', async () => {
    const category = await prisma.category.create({
      data: { slug: unique('cat'), name: unique('Category') },
    });
    const agreement = await prisma.agreement.create({ data: { title: unique('Agreement'), kind: 'mou' } });
    const title = unique('Announced unit');
    const result = await createCommitmentFromFollowUp(
      null,
      form({
        agreementId: String(agreement.id),
        title,
        categoryId: String(category.id),
        responsiblePartyId: [String(partyId)],
      }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.commitment).toMatchObject({
      title,
      agreement: { id: agreement.id },
      responsibleParties: [{ id: partyId }],
      status: 'no_evidence',
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'Commitment', entityId: String(result.commitment!.id), action: 'create' },
    });
    expect(audit.actorId).toBe(analystId);

    const missing = await createCommitmentFromFollowUp(null, form({ agreementId: String(agreement.id) }));
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(Object.keys(missing.fieldErrors)).toEqual(
        expect.arrayContaining(['title', 'categoryId', 'responsiblePartyId']),
      );
  });
});
