// Commitment strength and recurring commitments end to end below the UI: the form schema (strength, "recurs"
// both-or-neither, months in range, messages on the right field), persistence with the audit event, the
// commitments list filter and commitments.csv column, and the data of the commitment page — the series of
// expected occurrences (held / missed / due, with the follow-ups that held each), a proposal's adoption, and the
// history rows carrying kind, row evidence type, adoption and withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartUpdate, chartUpdateCounts } from '../components/charts/status-timeline-data.ts';
import { testDatabaseUrl, testPrisma, unique } from './support/db.ts';
import { createTestUser } from './support/users.ts';

process.env.DATABASE_URL = testDatabaseUrl();

const { createCommitment, updateCommitment, getCommitmentForEdit, commitmentFormValues } =
  await import('../lib/data/commitments.ts');
const { getCommitmentDashboard } = await import('../lib/data/commitment-dashboard.ts');
const { listCommitmentsFiltered } = await import('../lib/data/lists.ts');
const { appendStatusUpdates } = await import('../lib/data/status-updates.ts');
const { commitmentReportRows } = await import('../lib/csv/commitments-report.ts');
const { parseReportParams } = await import('../lib/csv/filters.ts');
const { parseDay } = await import('../lib/domain/dates.ts');
const {
  commitmentSchema,
  updateCommitmentSchema,
  RECURRENCE_MONTHS_MISSING,
  RECURRENCE_START_MISSING,
  STRENGTH_MESSAGE,
} = await import('../lib/validation/commitment.ts');
const { parseCommitmentListFilters } = await import('../lib/validation/filters.ts');

const prisma = testPrisma();
const TODAY = parseDay('2025-11-15');

let actorId: string;
let agreementId: number;
let categoryId: number;
let partyId: number;
let outletId: number;

beforeAll(async () => {
  actorId = (await createTestUser(prisma, 'analyst', { label: 'strength' })).id;
  const token = unique('strength');
  categoryId = (await prisma.category.create({ data: { slug: token, name: `Meetings ${token}` } })).id;
  partyId = (await prisma.party.create({ data: { name: `Party ${token}`, kind: 'state' } })).id;
  outletId = (await prisma.outlet.create({ data: { name: `Outlet ${token}`, defaultReliability: 'B' } })).id;
  agreementId = (
    await prisma.agreement.create({
      data: { title: `Pact ${token}`, kind: 'mou', concludedPrecision: 'unknown' },
    })
  ).id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

function fields(extra: Record<string, unknown> = {}) {
  return {
    agreementId: String(agreementId),
    title: unique('Commitment'),
    categoryId: String(categoryId),
    responsiblePartyId: [String(partyId)],
    ...extra,
  };
}

function errorsOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const errors: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

async function evidence(type: 'announcement' | 'concrete_action' | 'contradiction', title = unique('Item')) {
  return prisma.evidence.create({
    data: {
      url: `https://example.org/${unique('item')}`,
      outletId,
      title,
      language: 'en',
      reliability: 'B',
      credibility: 2,
      type,
    },
  });
}

describe('the commitment form schema', () => {
  it('takes a strength, defaulting to firm when the form sends none, and refuses anything else', () => {
    expect(commitmentSchema.parse(fields()).strength).toBe('firm');
    expect(commitmentSchema.parse(fields({ strength: 'proposal' })).strength).toBe('proposal');
    const bad = commitmentSchema.safeParse(fields({ strength: 'maybe' }));
    expect(errorsOf(bad)).toEqual({ strength: [STRENGTH_MESSAGE] });
  });

  it('takes recurrence as both fields or neither, with the message beside the empty one', () => {
    expect(commitmentSchema.parse(fields({ recurrenceMonths: '', recurrenceStartsOn: '' }))).toMatchObject({
      recurrenceMonths: null,
      recurrenceStartsOn: null,
    });
    expect(
      commitmentSchema.parse(fields({ recurrenceMonths: '3', recurrenceStartsOn: '2025-01-01' })),
    ).toMatchObject({ recurrenceMonths: 3, recurrenceStartsOn: parseDay('2025-01-01') });
    expect(errorsOf(commitmentSchema.safeParse(fields({ recurrenceMonths: '3' })))).toEqual({
      recurrenceStartsOn: [RECURRENCE_START_MISSING],
    });
    expect(errorsOf(commitmentSchema.safeParse(fields({ recurrenceStartsOn: '2025-01-01' })))).toEqual({
      recurrenceMonths: [RECURRENCE_MONTHS_MISSING],
    });
  });

  it('takes any whole number of months from 1 to 60', () => {
    const months = (value: string) =>
      commitmentSchema.safeParse(fields({ recurrenceMonths: value, recurrenceStartsOn: '2025-01-01' }));
    expect(months('1').success).toBe(true);
    expect(months('5').success).toBe(true);
    expect(months('60').success).toBe(true);
    for (const bad of ['0', '61', '2.5', '-3', 'quarterly'])
      expect(Object.keys(errorsOf(months(bad))), bad).toEqual(['recurrenceMonths']);
  });
});

describe('saving strength and recurrence', () => {
  it('creates and edits them, each write audited with the record before and after', async () => {
    const created = await createCommitment(
      commitmentSchema.parse(
        fields({ strength: 'intent', recurrenceMonths: '6', recurrenceStartsOn: '2025-03-15' }),
      ),
      actorId,
      prisma,
    );
    expect(created).toMatchObject({
      strength: 'intent',
      recurrenceMonths: 6,
      recurrenceStartsOn: parseDay('2025-03-15'),
    });
    expect(commitmentFormValues(created)).toMatchObject({
      strength: 'intent',
      recurrenceMonths: '6',
      recurrenceStartsOn: '2025-03-15',
    });

    const values = commitmentFormValues(created);
    await updateCommitment(
      updateCommitmentSchema.parse({
        ...values,
        strength: 'proposal',
        recurrenceMonths: '',
        recurrenceStartsOn: '',
      }),
      actorId,
      prisma,
    );
    const saved = await getCommitmentForEdit(created.id, prisma);
    expect(saved).toMatchObject({ strength: 'proposal', recurrenceMonths: null, recurrenceStartsOn: null });

    const audits = await prisma.auditEvent.findMany({
      where: { entityType: 'Commitment', entityId: String(created.id) },
      orderBy: { id: 'asc' },
      select: { action: true, before: true, after: true },
    });
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audits[0].after).toMatchObject({ strength: 'intent', recurrenceMonths: 6 });
    expect(audits[1].before).toMatchObject({ strength: 'intent', recurrenceMonths: 6 });
    expect(audits[1].after).toMatchObject({
      strength: 'proposal',
      recurrenceMonths: null,
      recurrenceStartsOn: null,
    });
  });
});

describe('the commitment page of a recurring commitment', () => {
  it('lists every expected occurrence up to the day: held by concrete action, missed, or due', async () => {
    const commitment = await createCommitment(
      commitmentSchema.parse(
        fields({
          title: unique('Quarterly meeting'),
          recurrenceMonths: '3',
          recurrenceStartsOn: '2025-01-01',
        }),
      ),
      actorId,
      prisma,
    );
    const met = await evidence('concrete_action', 'Ministers met in February');
    const announced = await evidence('announcement', 'A meeting is planned');
    const reported = await evidence('announcement', 'Officials met in August');
    const retracted = await evidence('concrete_action', 'Meeting in October (misreported)');
    const written = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, actorId, [
        // Q1: a concrete action → held.
        {
          commitmentId: commitment.id,
          status: 'in_progress',
          evidenceId: met.id,
          observedOn: parseDay('2025-02-10'),
        },
        // Q2: only an announcement → missed.
        {
          commitmentId: commitment.id,
          status: 'in_progress',
          evidenceId: announced.id,
          observedOn: parseDay('2025-05-02'),
        },
        // Q3: an announcement the analyst typed as a concrete action for this commitment, corroborating → held.
        {
          commitmentId: commitment.id,
          status: 'in_progress',
          kind: 'corroboration',
          evidenceType: 'concrete_action',
          evidenceId: reported.id,
          observedOn: parseDay('2025-08-20'),
        },
        // Q4: a concrete action, withdrawn below → does not hold it: still due.
        {
          commitmentId: commitment.id,
          status: 'in_progress',
          evidenceId: retracted.id,
          observedOn: parseDay('2025-10-05'),
        },
      ]),
    );
    await prisma.statusUpdate.update({
      where: { id: written[3].id },
      data: {
        withdrawnAt: new Date(),
        withdrawnById: actorId,
        withdrawnReason: 'The meeting was postponed.',
      },
    });

    const dashboard = await getCommitmentDashboard(commitment.id, { today: TODAY });
    const series = dashboard.series!;
    expect(series.rule).toEqual({ months: 3, startsOn: parseDay('2025-01-01') });
    expect(series.occurrences.map((o) => [o.from.toISOString().slice(0, 10), o.state])).toEqual([
      ['2025-01-01', 'held'],
      ['2025-04-01', 'missed'],
      ['2025-07-01', 'held'],
      ['2025-10-01', 'due'],
    ]);
    expect(series.occurrences[0].evidence).toEqual([
      {
        updateId: written[0].id,
        observedOn: parseDay('2025-02-10'),
        evidence: { id: met.id, title: met.title },
      },
    ]);
    expect(series.occurrences[2].evidence.map((e) => e.evidence?.id)).toEqual([reported.id]);

    // As of a day in Q3 before its evidence: Q3 is due, and nothing after it is listed.
    const earlier = await getCommitmentDashboard(commitment.id, {
      asOf: parseDay('2025-08-01'),
      today: TODAY,
    });
    expect(earlier.series!.occurrences.map((o) => o.state)).toEqual(['held', 'missed', 'due']);

    // The evidence list: each item the follow-ups cite once (withdrawn rows' too; undated items: the newest first),
    // read in full for the page shown; as of a day, only what the rows up to then cite.
    expect(dashboard.evidencePage).toMatchObject({ page: 1, pageCount: 1, total: 4 });
    expect(dashboard.evidencePage.items.map((item) => item.id)).toEqual([
      retracted.id,
      reported.id,
      announced.id,
      met.id,
    ]);
    expect(dashboard.evidencePage.items[3]).toMatchObject({ title: met.title, outlet: { id: outletId } });
    expect(earlier.evidencePage).toMatchObject({ page: 1, total: 2 });
    expect(earlier.evidencePage.items.map((item) => item.id)).toEqual([announced.id, met.id]);

    // The history carries every row with what the correction feature shows; the chart only counting rows.
    const retractedRow = dashboard.history.find((row) => row.id === written[3].id)!;
    expect(retractedRow).toMatchObject({
      kind: 'assessment',
      withdrawnReason: 'The meeting was postponed.',
      withdrawnBy: { name: expect.any(String) },
      supersedesId: null,
      supersededBy: null,
      adoptsProposal: false,
    });
    expect(retractedRow.withdrawnAt).toBeInstanceOf(Date);
    expect(dashboard.history.find((row) => row.id === written[2].id)).toMatchObject({
      kind: 'corroboration',
      evidenceType: 'concrete_action',
    });
    expect(dashboard.history).toHaveLength(4);
    // The chart draws every row; only the counting ones move its status line.
    const drawn = dashboard.chart.entries.map(chartUpdate);
    expect(drawn).toHaveLength(4);
    expect(drawn.filter(chartUpdateCounts).map((u) => u.id)).toEqual([written[0].id, written[1].id]);
  });

  it('has no series for a one-off commitment', async () => {
    const commitment = await createCommitment(commitmentSchema.parse(fields()), actorId, prisma);
    expect((await getCommitmentDashboard(commitment.id, { today: TODAY })).series).toBeNull();
  });
});

describe('a proposal', () => {
  it('says when an update recorded its adoption (counting rows only, by the page’s day)', async () => {
    const proposal = await createCommitment(
      commitmentSchema.parse(fields({ title: unique('Joint task force (proposed)'), strength: 'proposal' })),
      actorId,
      prisma,
    );
    const before = await getCommitmentDashboard(proposal.id, { today: TODAY });
    expect(before.proposal).toEqual({ adoption: null });

    const item = await evidence('concrete_action', 'Task force agreed');
    const [adopting] = await prisma.$transaction((tx) =>
      appendStatusUpdates(tx, actorId, [
        {
          commitmentId: proposal.id,
          status: 'not_started',
          adoptsProposal: true,
          evidenceId: item.id,
          observedOn: parseDay('2025-06-12'),
        },
      ]),
    );
    const after = await getCommitmentDashboard(proposal.id, { today: TODAY });
    expect(after.proposal?.adoption).toEqual({
      updateId: adopting.id,
      observedOn: parseDay('2025-06-12'),
      observedPrecision: 'day',
    });
    const asOfEarlier = await getCommitmentDashboard(proposal.id, {
      asOf: parseDay('2025-06-01'),
      today: TODAY,
    });
    expect(asOfEarlier.proposal).toEqual({ adoption: null });

    const firm = await createCommitment(commitmentSchema.parse(fields()), actorId, prisma);
    expect((await getCommitmentDashboard(firm.id, { today: TODAY })).proposal).toBeNull();
  });
});

describe('strength in lists and commitments.csv', () => {
  it('filters the list by `strength=` and reports a strength column', async () => {
    const token = unique('filter');
    const [proposal, firm] = await Promise.all([
      createCommitment(
        commitmentSchema.parse(fields({ title: `P ${token}`, strength: 'proposal' })),
        actorId,
        prisma,
      ),
      createCommitment(commitmentSchema.parse(fields({ title: `F ${token}` })), actorId, prisma),
    ]);
    const filters = parseCommitmentListFilters({ q: token, strength: 'proposal' });
    expect(filters.strength).toBe('proposal');
    const list = await listCommitmentsFiltered(filters, { today: TODAY });
    expect(list.items.map((row) => [row.id, row.strength])).toEqual([[proposal.id, 'proposal']]);
    const all = await listCommitmentsFiltered(parseCommitmentListFilters({ q: token }), { today: TODAY });
    expect(all.items.map((row) => row.id).sort()).toEqual([proposal.id, firm.id].sort());
    // A hand-edited list URL with a bad strength is ignored; a report URL refuses it.
    expect(parseCommitmentListFilters({ strength: 'vague' }).strength).toBeUndefined();
    expect(parseReportParams(new URLSearchParams('strength=vague'))).toMatchObject({
      ok: false,
      errors: { strength: expect.stringContaining('Not a strength') },
    });

    const parsed = parseReportParams(new URLSearchParams(`agreement=${agreementId}&strength=proposal`));
    if (!parsed.ok) throw new Error('report parameters refused');
    const rows = [];
    for await (const page of commitmentReportRows(prisma, parsed.request.filters, { baseUrl: 'http://x' }))
      rows.push(...page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.at(-1) === 'proposal')).toBe(true);
    expect(rows.some((row) => row.includes(`P ${token}`))).toBe(true);
  });
});
