// Recurring commitments and proposals, as an analyst meets them: enter a commitment that recurs every three months
// (the form refusing a period without its first day, the message beside the field), and a proposal; log a
// concrete action in the first period; the recurring commitment's page lists its occurrences — the first held (with
// the evidence, linked), the second missed, the current one due — and the proposal's page and the commitments list
// say it is a proposal, not counted in compliance until adopted.
import type { Page } from '@playwright/test';
import { addDays, formatDay, today } from '../lib/domain/dates.ts';
import { addMonths } from '../lib/domain/recurrence.ts';
import { expect, test } from './support/fixtures.ts';
import { pickOutlet, pickParty } from './support/pickers.ts';

const AFTER_WRITE = { timeout: 15_000 };

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

async function fillCommitment(page: Page, agreementId: number, title: string, party: string) {
  await page.goto(`/commitments/new?agreement=${agreementId}`);
  await expect(page.locator('input[name="agreementId"]')).toHaveValue(String(agreementId));
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Category').selectOption({ label: 'Other' });
  await pickParty(page, 'Responsible parties', party);
}

test('an analyst follows a quarterly commitment and a proposal', async ({ page, db }) => {
  test.slow(); // two forms, a follow-up and four pages on a shared machine
  const t = tag();
  const party = `Ruritania ${t}`;
  const { id: partyId } = await db.party.create({ data: { name: party, kind: 'state' } });
  const agreement = await db.agreement.create({
    data: {
      title: `Ruritania–Freedonia security dialogue ${t}`,
      kind: 'joint_statement',
      concludedPrecision: 'unknown',
      parties: { create: [{ partyId, role: 'signatory' }] },
    },
  });
  // Three quarterly periods have begun: the first two have ended, the third runs today.
  const startsOn = addMonths(today(), -7);
  const meetingTitle = `Joint working group meets every quarter ${t}`;
  const proposalTitle = `Joint cyber task force (proposed) ${t}`;

  // The quarterly commitment; "Recurs" without the first day is refused, beside the field.
  await fillCommitment(page, agreement.id, meetingTitle, party);
  await page.getByLabel('Recurs').selectOption({ label: 'Every three months' });
  await page.getByRole('button', { name: 'Add commitment' }).click();
  const startField = page.getByLabel('First period starts on');
  await expect(startField).toHaveAttribute('aria-invalid', 'true', AFTER_WRITE);
  await expect(page.getByText('Enter the day the first period starts')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue(meetingTitle); // what was typed is kept
  await startField.fill(formatDay(startsOn));
  await page.getByRole('button', { name: 'Add commitment' }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`), AFTER_WRITE);

  // The proposal.
  await fillCommitment(page, agreement.id, proposalTitle, party);
  await page.getByRole('radio', { name: /^Proposal/ }).check();
  await page.getByRole('button', { name: 'Add commitment' }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`), AFTER_WRITE);
  // Listed on the agreement with its badge.
  await expect(
    page.getByRole('row').filter({ hasText: proposalTitle }).getByText('Strength: Proposal'),
  ).toBeVisible();

  const [meeting, proposal] = await Promise.all(
    [meetingTitle, proposalTitle].map((title) => db.commitment.findFirstOrThrow({ where: { title } })),
  );
  expect(meeting).toMatchObject({ strength: 'firm', recurrenceMonths: 3 });
  expect(formatDay(meeting.recurrenceStartsOn!)).toBe(formatDay(startsOn));
  expect(proposal).toMatchObject({ strength: 'proposal', recurrenceMonths: null });

  // A meeting in the first period, logged from the commitment's page.
  const heldOn = formatDay(addDays(startsOn, 20));
  const itemTitle = `Working group held its first session ${t}`;
  await page.goto(`/commitments/${meeting.id}`);
  const form = page.locator('#log-follow-up');
  await form.getByRole('textbox', { name: 'URL' }).fill(`https://www.dawn.com/news/wg-${t}`);
  await pickOutlet(form, 'Dunya News (B)');
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill(itemTitle);
  await form.getByLabel('Published on').fill(heldOn);
  await form.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await form.getByRole('radio', { name: /^Concrete action/ }).check();
  const row = form.getByRole('group', { name: 'Commitment 1' });
  await row.getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await row.getByLabel('Fact held on').fill(heldOn);
  await form.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${meeting.id}\\?logged=`), AFTER_WRITE);

  // The series: newest first — due, missed, held with the evidence linked.
  const series = page.getByRole('table', { name: 'Expected occurrences, newest first' });
  await expect(series).toBeVisible();
  const rows = series.getByRole('row');
  await expect(rows).toHaveCount(4); // header + three periods
  await expect(rows.nth(1)).toContainText('Due');
  await expect(rows.nth(2)).toContainText('Missed');
  await expect(rows.nth(3)).toContainText('Held');
  await expect(rows.nth(3).getByRole('link', { name: itemTitle })).toHaveAttribute(
    'href',
    /\/evidence\/\d+$/,
  );
  await expect(page.getByText('1 held, 1 missed so far')).toBeVisible();
  await expect(page.getByText(/^every three months, from /)).toBeVisible();

  // As of a day in the second period: the first held, the second due, nothing after.
  await page.goto(`/commitments/${meeting.id}?asOf=${formatDay(addDays(addMonths(startsOn, 3), 5))}`);
  await expect(series.getByRole('row')).toHaveCount(3);
  await expect(series.getByRole('row').nth(1)).toContainText('Due');
  await expect(series.getByRole('row').nth(2)).toContainText('Held');

  // The proposal's page says what it is.
  await page.goto(`/commitments/${proposal.id}`);
  await expect(page.getByRole('note', { name: 'Proposal' })).toContainText(
    'not counted in compliance until adopted',
  );
  await expect(page.getByText('Strength: Proposal').first()).toBeAttached();
  await expect(page.getByRole('table', { name: 'Expected occurrences, newest first' })).toHaveCount(0);

  // The commitments list filters by strength, in the URL.
  await page.goto(`/commitments?strength=proposal&q=${t}`);
  const results = page.getByRole('table');
  await expect(results.getByRole('link', { name: proposalTitle })).toBeVisible();
  await expect(results.getByRole('link', { name: meetingTitle })).toHaveCount(0);
  await expect(results.getByText('Strength: Proposal')).toBeAttached();
});
