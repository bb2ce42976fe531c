// The analyst's main flow, "Log follow-up": one news item bearing on several seed commitments, a back-dated
// item, an address logged twice, and the shortcut from a commitment's page. Each test signs in an analyst of
// its own and uses addresses of its own, so the specs can run in any order on one seeded database.
import type { Page } from '@playwright/test';
import { appendStatusUpdates } from '../lib/data/status-updates.ts';
import { addDays, formatDay, today } from '../lib/domain/dates.ts';
import { STATUS_LABELS, type CommitmentStatus } from '../lib/domain/status.ts';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOutlet } from './support/pickers.ts';
import { forgiveHttpErrors } from './support/users.ts';
import { overviewPageOf } from './support/overview.ts';

// The shared fixtures sign each test's browser in as a fresh analyst (`user`) unless told otherwise.

// Each test loads several pages and waits on writes: more than the default budget on a busy two-core machine.
test.beforeEach(() => test.slow());
/** For what appears only after a write has committed and the page was rendered again. */
const AFTER_WRITE = { timeout: 20_000 };

const SKILLS = 'Joint strategy on the professional skills of police and security personnel';
const TRAINING = 'Expanded police training programmes';
const EXCHANGE = 'Continuous information exchange between relevant institutions';

function uniqueUrl(label: string): string {
  return `https://www.dawn.com/news/${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A status the commitment does not have now, so the change shows whatever ran before. */
function differentFrom(current: CommitmentStatus, preferred: CommitmentStatus[]): CommitmentStatus {
  return preferred.find((status) => status !== current)!;
}

async function fillNewItem(
  page: Page,
  item: { url: string; title: string; publishedOn?: string; type?: RegExp; credibility?: string },
) {
  await page.getByRole('textbox', { name: 'URL' }).fill(item.url);
  await pickOutlet(page, 'Dunya News (B)');
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(item.title);
  if (item.publishedOn) await page.getByLabel('Published on').fill(item.publishedOn);
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption(item.credibility ?? '2');
  await page.getByRole('radio', { name: item.type ?? /^Concrete action/ }).check();
}

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

/**
 * Submits, and when the form answers with warnings (the seed database is shared by every spec, so a status a test
 * picks may be a step back from what another left), ticks "Save anyway" and submits again.
 */
async function submitConfirmingWarnings(page: Page, submit: () => Promise<void>) {
  await submit();
  const saveAnyway = page.getByRole('checkbox', { name: /Save anyway/ });
  const answer = await Promise.race([
    page.waitForURL(/[?&]logged=/, AFTER_WRITE).then(() => 'saved' as const),
    saveAnyway.waitFor(AFTER_WRITE).then(() => 'warned' as const),
  ]);
  if (answer === 'warned') {
    await saveAnyway.check();
    await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  }
}

test('one item logged against two seed commitments changes both pages and the overview', async ({
  page,
  db,
  user,
}) => {
  const [skills, training] = await Promise.all(
    [SKILLS, TRAINING].map((title) => db.commitment.findFirstOrThrow({ where: { title } })),
  );
  const skillsTo = differentFrom(skills.status, ['in_progress', 'partially_fulfilled']);
  const trainingTo: CommitmentStatus = training.status === 'stalled' ? 'broken' : 'stalled';
  const url = uniqueUrl('training');
  const title = `Police training exchange begins in Islamabad ${Date.now().toString(36)}`;
  const todayText = formatDay(today());

  // One click from the overview.
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Log follow-up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log follow-up' })).toBeVisible(AFTER_WRITE);

  await fillNewItem(page, { url, title, publishedOn: todayText });
  // The item's reliability follows its outlet until overridden.
  await expect(page.getByRole('combobox', { name: 'Source reliability' })).toHaveValue('B');

  await pickCommitment(row(page, 1), SKILLS);
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption(skillsTo);
  // The fact date follows the published date.
  await expect(row(page, 1).getByLabel('Fact held on')).toHaveValue(todayText);

  // "Add another commitment" puts the keyboard on the new row.
  await page.getByRole('button', { name: 'Add another commitment' }).click();
  const second = row(page, 2);
  await expect(second.getByRole('combobox', { name: 'Commitment', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(second.getByRole('combobox', { name: 'New status' })).toBeFocused();
  await pickCommitment(second, TRAINING);
  await second.getByRole('combobox', { name: 'New status' }).selectOption(trainingTo);
  // Only this commitment's responsible parties can be assessed.
  await expect(second.getByRole('combobox', { name: 'Assesses' }).getByRole('option')).toHaveText([
    'The commitment as a whole',
    "China's Ministry of Public Security",
    "Pakistan's Ministry of Interior",
  ]);
  await second
    .getByRole('combobox', { name: 'Assesses' })
    .selectOption({ label: "Pakistan's Ministry of Interior" });
  await second
    .getByRole('textbox', { name: /^Reason/ })
    .fill('Dunya News: the ministry says the programme is on hold for lack of funds.');
  await expect(page.getByText('Logs one item and 2 status updates, in one go.')).toBeVisible();

  // Enter in a text field submits the form.
  await submitConfirmingWarnings(page, () =>
    page.getByRole('textbox', { name: 'Title', exact: true }).press('Enter'),
  );

  await expect(page).toHaveURL(new RegExp(`/commitments/${skills.id}\\?`), AFTER_WRITE);
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    '2 status updates, citing the new item',
  );
  await expect(page.locator('main')).toContainText(
    new RegExp(`Current status:\\s*${STATUS_LABELS[skillsTo]}`),
  );
  await expect(page.locator('main')).toContainText(title);

  await page.goto(`/commitments/${training.id}`);
  await expect(page.locator('main')).toContainText(
    new RegExp(`Current status:\\s*${STATUS_LABELS[trainingTo]}`),
  );
  await expect(page.locator('main')).toContainText('on hold for lack of funds');

  for (const [name, status] of [
    [SKILLS, skillsTo],
    [TRAINING, trainingTo],
  ] as const) {
    // The overview page that lists it: other specs' agreements come first.
    await page.goto(await overviewPageOf(db, name));
    const table = page.getByRole('table', { name: /commitments with their current status/i });
    await expect(
      table
        .getByRole('row', { name: new RegExp(name, 'i') })
        .getByText(STATUS_LABELS[status], { exact: true })
        .filter({ visible: true }),
    ).toBeVisible();
  }
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Recent follow-ups' })).toContainText(title);

  // In the database: one item, two updates by this analyst, citing it.
  const evidence = await db.evidence.findUniqueOrThrow({
    where: { url },
    include: { statusUpdates: { orderBy: { id: 'asc' } } },
  });
  expect(evidence).toMatchObject({
    reliability: 'B',
    credibility: 2,
    type: 'concrete_action',
    language: 'en',
  });
  expect(
    evidence.statusUpdates.map((update) => [update.commitmentId, update.status, update.authorId]),
  ).toEqual([
    [skills.id, skillsTo, user!.id],
    [training.id, trainingTo, user!.id],
  ]);
});

test('a back-dated item, logged from the commitment page, is warned about, then joins the history but leaves the current status', async ({
  page,
  db,
}) => {
  let exchange = await db.commitment.findFirstOrThrow({ where: { title: EXCHANGE } });
  let latest = await db.statusUpdate.findFirstOrThrow({
    where: { commitmentId: exchange.id },
    orderBy: [{ observedFrom: 'desc' }, { observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
  });
  // The seed's updates are undated, and any dated item outranks them: date the current status first (same status).
  if (latest.observedPrecision !== 'day') {
    await db.$transaction((tx) =>
      appendStatusUpdates(tx, null, [
        {
          commitmentId: exchange.id,
          status: exchange.status,
          reason: 'Confirmed by a dated report.',
          observedOn: addDays(today(), -10),
        },
      ]),
    );
    exchange = await db.commitment.findUniqueOrThrow({ where: { id: exchange.id } });
    latest = await db.statusUpdate.findFirstOrThrow({
      where: { commitmentId: exchange.id },
      orderBy: [{ observedFrom: 'desc' }, { observedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    });
  }
  const backDated = formatDay(addDays(latest.observedOn, -45));
  const title = `Information exchange suspended after dispute ${Date.now().toString(36)}`;

  await page.goto(`/commitments/${exchange.id}`);
  await page.getByRole('banner').getByRole('link', { name: 'Log follow-up' }).click();
  // (The commitment page has a form of its own: wait for the form page.)
  await expect(page.getByRole('heading', { level: 1, name: 'Log follow-up' })).toBeVisible(AFTER_WRITE);
  // Preset to the commitment the analyst came from.
  await expect(row(page, 1).getByRole('combobox', { name: 'Commitment', exact: true })).toHaveValue(EXCHANGE);
  await expect(row(page, 1).locator('input[type="hidden"][name="rows.0.commitmentId"]')).toHaveValue(
    String(exchange.id),
  );

  await fillNewItem(page, {
    url: uniqueUrl('exchange'),
    title,
    publishedOn: backDated,
    type: /^Contradiction/,
  });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('stalled');
  await row(page, 1)
    .getByRole('textbox', { name: /^Reason/ })
    .fill('Reported suspended for a month after a dispute over data sharing.');
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  // Not saved yet: the row says why it would not become current, and "Save anyway" saves it.
  await expect(row(page, 1).getByRole('status')).toContainText(
    'This will not become the current status',
    AFTER_WRITE,
  );
  await expect(row(page, 1).getByRole('status')).toContainText('its fact date is older');
  await page.getByRole('checkbox', { name: /Save anyway/ }).check();
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();

  // Back on the commitment's page.
  await expect(page).toHaveURL(new RegExp(`/commitments/${exchange.id}\\?logged=1`), AFTER_WRITE);
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toBeVisible(AFTER_WRITE);
  const main = page.locator('main');
  await expect(main).toContainText(new RegExp(`Current status:\\s*${STATUS_LABELS[exchange.status]}`));
  await expect(main).toContainText('Reported suspended for a month');
  await expect(main).toContainText(title);

  const after = await db.commitment.findUniqueOrThrow({ where: { id: exchange.id } });
  expect(after.status).toBe(exchange.status);
  // The status still rests on the newer, dated news (the back-dated item, a different status, may split the run of
  // the seed's undated update and that news, so "since" is that news' day, never the back-dated one's).
  expect(formatDay(after.statusSince!) > backDated).toBe(true);
  expect(await db.statusUpdate.count({ where: { commitmentId: exchange.id } })).toBeGreaterThanOrEqual(2);
});

test('an address already logged is recognised as the analyst leaves the field, and cited, not copied', async ({
  page,
  db,
}) => {
  const skills = await db.commitment.findFirstOrThrow({ where: { title: SKILLS } });
  const outlet = await db.outlet.findUniqueOrThrow({ where: { name: 'Dunya News' } });
  const url = uniqueUrl('known');
  const existing = await db.evidence.create({
    data: {
      url,
      outletId: outlet.id,
      title: 'Naqvi reviews security of Chinese nationals',
      language: 'en',
      reliability: 'B',
      credibility: 3,
      type: 'announcement',
      publishedOn: addDays(today(), -3),
    },
  });

  await page.goto('/follow-ups/new');
  // Upper-case host, trailing slash and tracking parameters: the same article.
  const typed = `${url.replace('https://www.dawn.com', 'HTTPS://WWW.DAWN.COM')}/?utm_source=twitter&fbclid=x1`;
  await page.getByRole('textbox', { name: 'URL' }).fill(typed);
  await page.getByRole('textbox', { name: 'URL' }).press('Tab');
  const notice = page.getByRole('status').filter({ hasText: 'Already logged on' });
  await expect(notice).toContainText(
    `Already logged on ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(existing.createdAt)} as “Naqvi reviews security of Chinese nationals” — your updates will cite that item`,
  );
  // Nothing more to fill in about the item.
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveCount(0);
  // Its published date is the rows' default fact date.
  await expect(row(page, 1).getByLabel('Fact held on')).toHaveValue(formatDay(existing.publishedOn!));

  await pickCommitment(row(page, 1), { id: skills.id });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await submitConfirmingWarnings(page, () =>
    page.getByRole('button', { name: 'Log follow-up', exact: true }).click(),
  );

  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toContainText(
    'citing the item already logged',
    AFTER_WRITE,
  );
  expect(await db.evidence.count({ where: { url } })).toBe(1);
  expect(await db.statusUpdate.count({ where: { evidenceId: existing.id } })).toBe(1);
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('there is no "Log follow-up" button, and the form is refused', async ({ page, pageErrors }) => {
    await page.goto('/');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log follow-up' })).toHaveCount(0);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }),
    ).toBeVisible();
    const response = await page.goto('/follow-ups/new');
    expect(response?.status()).toBe(403);
    forgiveHttpErrors(pageErrors, [403]);
  });
});
