// Issue [6/9]: "Log follow-up" started from a pasted article: the draft proposes the commitment it bears on with an
// action-type status change and the sentence behind it; only the form's own "Log follow-up" writes.
import type { Page } from '@playwright/test';
import { STATUS_LABELS } from '../lib/domain/status.ts';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOutlet } from './support/pickers.ts';

test.beforeEach(() => test.slow());
/** For what appears only after a write has committed and the page was rendered again. */
const AFTER_WRITE = { timeout: 20_000 };

const PROTECTION_UNIT = 'Special protection unit for Chinese nationals in Islamabad';

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

test('a pasted follow-up proposes the protection unit as set up, and logging it updates the commitment chosen', async ({
  page,
  db,
  user,
}) => {
  expect(user).not.toBeNull();
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const headline = `Pakistan has set up special protection unit for Chinese nationals ${tag}`;
  const day = new Date().toLocaleDateString('en-US', {
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const sentence = `ISLAMABAD, ${day}: Pakistan has set up the special protection unit for Chinese nationals in Islamabad, the Interior Ministry said.`;
  const article = [
    headline,
    '',
    sentence,
    'The unit has started operating and will escort Chinese workers travelling in the capital, officials said.',
  ].join('\n');
  const url = `https://www.dawn.com/news/protection-unit-${tag}`;

  await page.goto('/follow-ups/new');
  const panel = page.getByRole('region', { name: 'Start from an article' });
  await panel.getByRole('textbox', { name: 'Article text or HTML' }).fill(article);
  await panel.getByRole('textbox', { name: 'Article address' }).fill(url);
  await panel.getByRole('button', { name: 'Draft', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('commitment', AFTER_WRITE);

  // The news item, prefilled.
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(url);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(headline);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveAccessibleDescription(
    /From the article: «/,
  );
  await expect(page.getByLabel('Published on')).not.toHaveValue('');
  await expect(page.getByRole('radio', { name: /^Concrete action/ })).toBeChecked();

  // Row 1: the protection unit, an action-type change, with its sentence.
  const first = row(page, 1);
  await expect(first.getByRole('combobox', { name: 'Commitment', exact: true })).toHaveValue(PROTECTION_UNIT);
  const status = await first.getByRole('combobox', { name: 'New status' }).inputValue();
  expect(['in_progress', 'partially_fulfilled', 'fulfilled']).toContain(status);
  await expect(first.getByRole('combobox', { name: 'How this item bears on it' })).toHaveValue(
    'concrete_action',
  );
  await expect(first.getByText(`From the article: «${sentence}»`)).toBeVisible();

  // Every proposal stays editable. The row goes to a commitment of this spec's own (the seed's protection unit
  // keeps the status the specs after this one read), and the outlet is one on file rather than the new one proposed.
  const category = await db.category.findFirstOrThrow({ where: { slug: 'protection-unit' } });
  const own = await db.commitment.create({
    data: {
      title: `Escort service for Chinese workers ${tag}`,
      category: { connect: { id: category.id } },
      agreement: { create: { title: `Escort arrangement ${tag}`, kind: 'mou' } },
    },
  });
  await pickCommitment(first, { id: own.id });
  await first.getByRole('combobox', { name: 'New status' }).selectOption(status);
  await pickOutlet(page, 'Dunya News (B)');
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');

  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  const saveAnyway = page.getByRole('checkbox', { name: /Save anyway/ });
  const answer = await Promise.race([
    page.waitForURL(/[?&]logged=/, AFTER_WRITE).then(() => 'saved' as const),
    saveAnyway.waitFor(AFTER_WRITE).then(() => 'warned' as const),
  ]);
  if (answer === 'warned') {
    await saveAnyway.check();
    await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  }

  await expect(page).toHaveURL(new RegExp(`/commitments/${own.id}\\?`), AFTER_WRITE);
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up logged' })).toBeVisible();
  await expect(page.locator('main')).toContainText(headline);
  await expect(page.locator('main')).toContainText(STATUS_LABELS[status as keyof typeof STATUS_LABELS]);
});
