// The dashboards as a viewer reads them: the overview's status chart and needs-attention queue, a party page with
// the parties under it, the commitment list filtered through its URL, and a commitment seen as of an earlier day.
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { addDays, compareDays, parseDay } from '../lib/domain/dates.ts';
import { formatDate } from '../lib/format/date.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';

test.use({ signedInAs: 'viewer' });

const SEED_AGREEMENT = /naqvi.+wang xiaohong meeting/i;

function suffix(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** An agreement of the test's own with one commitment, for data the seed does not have. */
async function ownCommitment(db: PrismaClient, data: { title: string; dueOn?: Date; createdAt?: Date }) {
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const pakistan = await db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } });
  const agreement = await db.agreement.create({ data: { title: `E2E dashboards ${suffix()}`, kind: 'mou' } });
  return db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: data.title,
      dueOn: data.dueOn,
      createdAt: data.createdAt,
      parties: { create: [{ partyId: pakistan.id, role: 'responsible' }] },
    },
  });
}

test('the overview charts the counts by status and queues what needs attention, most urgent first', async ({
  page,
  db,
}) => {
  // Several navigations and a chart on a two-core machine shared with the app and its database.
  test.slow();
  // Every flag at once (overdue, no news for years, contradicted by a doubtful report) and due before anything
  // else, so it leads the queue whatever other specs (or earlier runs) have added.
  const earliest = (await db.commitment.aggregate({ _min: { dueOn: true } }))._min.dueOn;
  const longAgo = parseDay('2001-01-01');
  const dueOn = earliest && compareDays(earliest, longAgo) <= 0 ? addDays(earliest, -1) : longAgo;
  const title = `E2E long overdue commitment ${suffix()}`;
  const overdue = await ownCommitment(db, {
    title,
    dueOn,
    createdAt: new Date('2000-01-01T00:00:00Z'),
  });
  const outlet = await db.outlet.create({
    data: { name: `E2E outlet ${suffix()}`, defaultReliability: 'E' },
  });
  const evidence = await db.evidence.create({
    data: {
      url: `https://example.org/e2e-dashboards/${suffix()}`,
      outletId: outlet.id,
      title: `Project shelved, says anonymous source ${suffix()}`,
      language: 'en',
      reliability: 'E',
      credibility: 5,
      type: 'contradiction',
    },
  });
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      {
        commitmentId: overdue.id,
        status: 'stalled',
        reason: 'Reported shelved',
        evidenceId: evidence.id,
        observedOn: addDays(dueOn, 30),
      },
    ]),
  );

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  // The chart is drawn (an SVG with one bar per status); the numbers stay readable as text beside it.
  const chartCard = page.getByRole('region', { name: 'Status distribution' });
  await expect(chartCard.locator('svg.recharts-surface')).toBeVisible();
  // One row per status on the scale; a bar for each status that has commitments.
  await expect(chartCard.locator('.recharts-yAxis .recharts-cartesian-axis-tick')).toHaveCount(7);
  const withCommitments = await db.commitment.groupBy({ by: ['status'], where: { archivedAt: null } });
  await expect(chartCard.locator('.recharts-bar-rectangle')).toHaveCount(withCommitments.length);
  const counts = page.getByRole('list', { name: 'Commitments by status' });
  const stalled = await db.commitment.count({ where: { archivedAt: null, status: 'stalled' } });
  await expect(counts.getByRole('listitem').filter({ hasText: /^Stalled:/ })).toContainText(
    `Stalled: ${stalled} commitment`,
  );

  const queue = page.getByRole('list', { name: 'Needs attention' }).first();
  const first = queue.getByRole('listitem').first();
  await expect(first.getByRole('link', { name: title })).toBeVisible();
  const flags = first.getByRole('list', { name: 'Attention flags' });
  await expect(flags.getByRole('listitem')).toHaveText([
    'Overdue',
    'Stale',
    'Contradicted',
    'Weakly supported',
  ]);
  await expect(flags.getByText('Overdue', { exact: true })).toHaveAttribute('title', /due date has passed/i);
  await expect(first).toContainText('Stalled');

  await first.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${overdue.id}$`));
  const attention = page.getByRole('list', { name: 'Needs attention?' });
  await expect(attention.getByRole('listitem').filter({ hasText: 'Overdue' })).toContainText(
    new RegExp(`Yes\\s*Was due ${formatDate(dueOn)}`),
  );
});

test('the Pakistan page lists NCCIA under it and the cybercrime commitment for its benefit', async ({
  page,
}) => {
  await page.goto('/parties');
  const parties = page.getByRole('table', { name: 'Parties with their compliance' });
  await expect(
    parties.getByRole('row', { name: /National Cyber Crimes Investigation Agency/ }),
  ).toBeVisible();
  await parties.getByRole('link', { name: 'Pakistan', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: /^Pakistan/ })).toBeVisible();
  const under = page.getByRole('list', { name: 'Parties under it' });
  await expect(under.getByRole('link', { name: 'National Cyber Crimes Investigation Agency' })).toBeVisible();
  await expect(under.getByRole('link', { name: "Pakistan's Ministry of Interior" })).toBeVisible();

  // Responsibilities of the ministry under Pakistan count for Pakistan, each with the ministry's own status.
  const responsible = page.getByRole('table', { name: 'Commitments Pakistan is responsible for' });
  const unit = responsible.getByRole('row', { name: /special protection unit for chinese nationals/i });
  await expect(unit).toContainText("Pakistan's Ministry of Interior");
  await expect(unit.getByText('In progress').filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Compliance' })).toContainText('%');

  const benefits = page.getByRole('table', { name: 'Commitments made for the benefit of Pakistan' });
  const cyber = benefits.getByRole('row', { name: /cybercrime cooperation.+nccia/i });
  await expect(cyber).toContainText('National Cyber Crimes Investigation Agency');

  // The agency's own page places it under Pakistan.
  await cyber.getByRole('link', { name: 'National Cyber Crimes Investigation Agency' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: /National Cyber Crimes Investigation Agency/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Pakistan' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: /for the benefit of National Cyber Crimes Investigation Agency/ }),
  ).toContainText(/Cybercrime cooperation/);
  // Viewers read; they are not offered the edit form.
  await expect(page.getByRole('link', { name: /^Edit/ })).toHaveCount(0);
});

test('the commitment list filters by status through its URL, and the form writes that URL', async ({
  page,
  db,
}) => {
  const agreement = await db.agreement.findFirstOrThrow({
    where: { title: { startsWith: 'Naqvi' } },
    select: { id: true },
  });
  const table = page.getByRole('table', { name: /^Commitments with their/ });
  const rows = table.getByRole('row');

  await page.goto(`/commitments?agreement=${agreement.id}&status=in_progress`);
  await expect(rows.filter({ hasText: /special protection unit/i })).toHaveCount(1);
  await expect(rows.filter({ hasText: /invitation to wang xiaohong/i })).toHaveCount(0);
  const inProgress = await db.commitment.count({
    where: { agreementId: agreement.id, archivedAt: null, status: 'in_progress' },
  });
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(
    `of ${inProgress} commitments`,
  );
  await expect(page.getByRole('link', { name: /Status: In progress/ })).toBeVisible();

  // Change the status in the form: the URL says what is filtered (empty fields left out) and the rows follow.
  await page.getByLabel('Status', { exact: true }).selectOption('not_started');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments\\?agreement=${agreement.id}&status=not_started$`));
  await expect(rows.filter({ hasText: /invitation to wang xiaohong/i })).toHaveCount(1);
  await expect(rows.filter({ hasText: /special protection unit/i })).toHaveCount(0);

  // Removing the status chip keeps the agreement filter.
  await page.getByRole('link', { name: /Status: Not started/ }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments\\?agreement=${agreement.id}$`));
  await expect(rows.filter({ hasText: /special protection unit/i })).toHaveCount(1);
  await expect(rows.filter({ hasText: /invitation to wang xiaohong/i })).toHaveCount(1);
  await expect(table.getByRole('link', { name: SEED_AGREEMENT }).first()).toBeVisible();
});

test('a commitment seen as of an earlier day shows the status it had then', async ({ page, db }) => {
  test.slow();
  const title = `E2E as-of commitment ${suffix()}`;
  const commitment = await ownCommitment(db, { title });
  const outlet = await db.outlet.create({
    data: { name: `E2E outlet ${suffix()}`, defaultReliability: 'B' },
  });
  const evidence = await db.evidence.create({
    data: {
      url: `https://example.org/e2e-as-of/${suffix()}`,
      outletId: outlet.id,
      title: `Unit begins work ${suffix()}`,
      language: 'en',
      reliability: 'B',
      credibility: 2,
      type: 'concrete_action',
    },
  });
  await db.$transaction((tx) =>
    appendStatusUpdates(tx, null, [
      { commitmentId: commitment.id, status: 'not_started', observedOn: parseDay('2025-01-10') },
      {
        commitmentId: commitment.id,
        status: 'in_progress',
        observedOn: parseDay('2025-06-01'),
        evidenceId: evidence.id,
      },
    ]),
  );

  await page.goto(`/commitments/${commitment.id}`);
  await expect(page.getByText(/Current status:\s*In progress\s*since 1 Jun 2025/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Status history' }).getByRole('listitem')).toHaveCount(2);

  // The timeline chart: hovering the June point shows the evidence behind it.
  const chart = page.getByRole('region', { name: 'Status timeline' });
  await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(2);
  await chart.locator('.recharts-scatter-symbol').last().hover();
  const tooltip = chart.locator('.recharts-tooltip-wrapper');
  await expect(tooltip).toContainText(evidence.title);
  await expect(tooltip).toContainText(outlet.name);
  await expect(tooltip).toContainText('B2');
  // Each point tells its own follow-up: the January one has no evidence.
  await chart.locator('.recharts-scatter-symbol').first().hover();
  await expect(tooltip).toContainText('No evidence cited');
  await expect(tooltip).not.toContainText(evidence.title);

  // Pick the day in the as-of form: the URL carries it, so the view can be shared.
  await page.getByLabel('As of', { exact: true }).fill('2025-03-01');
  await page.getByRole('button', { name: 'Show that day' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}\\?asOf=2025-03-01$`));
  await expect(page.getByText(/Status as of 1 Mar 2025:\s*Not started\s*since 10 Jan 2025/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'as of 1 Mar 2025' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Status history' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: /Status per responsible party/ })).toContainText('Not started');

  // The boundary day counts: as of 1 June the June news is in force.
  await page.goto(`/commitments/${commitment.id}?asOf=2025-06-01`);
  await expect(page.getByText(/Status as of 1 Jun 2025:\s*In progress/)).toBeVisible();

  await page.getByRole('link', { name: 'Back to today' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));
  await expect(page.getByText(/Current status:\s*In progress/)).toBeVisible();
});
