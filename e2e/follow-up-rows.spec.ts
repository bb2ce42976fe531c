// "Log follow-up", issue "[3/9]" items 4, 5 and 12: every problem of a submit shown at once (the form's own and
// those only the server can know), a fact dated before the agreement saved once marked as context, each text
// field's length limit said beside it, and a commitment the article announced added from inside a row without
// losing what was typed. Each test makes the records it needs, with names of its own.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { pickCommitment, pickOption, pickOutlet } from './support/pickers.ts';

test.beforeEach(() => test.slow());
const AFTER_WRITE = { timeout: 20_000 };

function uid(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function row(page: Page, number: number) {
  return page.getByRole('group', { name: `Commitment ${number}` });
}

async function fillItem(page: Page, item: { url: string; title?: string }) {
  await page.getByRole('textbox', { name: 'URL' }).fill(item.url);
  await pickOutlet(page, 'Dunya News (B)');
  if (item.title) await page.getByRole('textbox', { name: 'Title', exact: true }).fill(item.title);
  await page.getByLabel('Published on').fill('2026-03-10');
  await page.getByRole('combobox', { name: 'Information credibility' }).selectOption('2');
  await page.getByRole('radio', { name: /^Announcement/ }).check();
}

test('a submit with three kinds of problems shows all three at once; context saves the early fact', async ({
  page,
  db,
  user,
}) => {
  const id = uid();
  const [category, party] = await Promise.all([
    db.category.create({ data: { slug: `rows-${id}`, name: `Rows category ${id}` } }),
    db.party.create({ data: { name: `Rows party ${id}`, kind: 'ministry' } }),
  ]);
  const agreement = await db.agreement.create({
    data: {
      title: `Rows agreement ${id}`,
      kind: 'mou',
      concludedOn: new Date('2026-02-15T00:00:00Z'),
      concludedPrecision: 'day',
    },
  });
  const [doomed, dated] = await Promise.all(
    ['Doomed', 'Dated'].map((label) =>
      db.commitment.create({
        data: {
          agreementId: agreement.id,
          categoryId: category.id,
          title: `${label} commitment ${id}`,
          parties: { create: [{ partyId: party.id, role: 'responsible' }] },
        },
      }),
    ),
  );

  await page.goto('/follow-ups/new');
  // Each text field says its limit beside it.
  await expect(page.getByRole('textbox', { name: 'Excerpt' })).toHaveAccessibleDescription(
    /Up to 20,000 characters/,
  );
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveAccessibleDescription(
    /Up to 500 characters/,
  );
  await expect(row(page, 1).getByRole('textbox', { name: /^Reason/ })).toHaveAccessibleDescription(
    /Up to 5,000 characters/,
  );

  const url = `https://www.dawn.com/news/rows-${id}`;
  await fillItem(page, { url }); // no title: the form's own check
  await pickCommitment(row(page, 1), doomed.title);
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('in_progress');
  await page.getByRole('button', { name: 'Add another commitment' }).click();
  await pickCommitment(row(page, 2), dated.title);
  await row(page, 2).getByRole('combobox', { name: 'New status' }).selectOption('not_started');
  await row(page, 2).getByLabel('Fact held on').fill('2026-01-20'); // before the agreement: the server's check
  // Archived meanwhile, by someone else: only the server knows.
  await db.commitment.update({ where: { id: doomed.id }, data: { archivedAt: new Date() } });

  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Nothing was logged' });
  await expect(summary).toContainText('3 fields need attention', AFTER_WRITE);
  await expect(summary).toContainText('Title');
  await expect(summary).toContainText('That commitment is archived');
  await expect(summary).toContainText('before the agreement was concluded (15 Feb 2026)');
  await expect(row(page, 2).getByLabel('Fact held on')).toHaveAccessibleDescription(
    /before the agreement was concluded/,
  );
  // Everything typed is still there.
  await expect(row(page, 2).getByLabel('Fact held on')).toHaveValue('2026-01-20');
  expect(await db.evidence.count({ where: { url } })).toBe(0);

  // Fixed: a title, the first row removed, the early fact marked as context.
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(`Background to the talks ${id}`);
  await row(page, 1)
    .getByRole('button', { name: /^Remove/ })
    .click();
  await row(page, 1)
    .getByRole('combobox', { name: 'What this row does' })
    .selectOption({ label: 'Context (before the agreement)' });
  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${dated.id}\\?`), AFTER_WRITE);
  const notice = page.getByRole('status').filter({ hasText: 'Follow-up logged' });
  await expect(notice).toBeVisible();
  const logged = await db.statusUpdate.findFirstOrThrow({ where: { commitmentId: dated.id } });
  expect(logged).toMatchObject({ kind: 'context', status: 'not_started', authorId: user!.id });
  // Context never counts for status.
  expect((await db.commitment.findUniqueOrThrow({ where: { id: dated.id } })).status).toBe('no_evidence');
});

test('a commitment the article announced is added from inside the row, keeping what was typed', async ({
  page,
  db,
  user,
}) => {
  const id = uid();
  const [category, party] = await Promise.all([
    db.category.create({ data: { slug: `inline-${id}`, name: `Inline category ${id}` } }),
    db.party.create({ data: { name: `Inline party ${id}`, kind: 'ministry' } }),
  ]);
  const agreement = await db.agreement.create({ data: { title: `Inline agreement ${id}`, kind: 'mou' } });
  const url = `https://www.dawn.com/news/inline-${id}`;
  const itemTitle = `Ministers announce a joint fund ${id}`;
  const commitmentTitle = `Set up a joint fund ${id}`;

  await page.goto('/follow-ups/new');
  await fillItem(page, { url, title: itemTitle });
  await row(page, 1).getByRole('combobox', { name: 'New status' }).selectOption('not_started');

  await row(page, 1)
    .getByRole('button', { name: /^New commitment/ })
    .click();
  const panel = row(page, 1).getByRole('group', { name: 'New commitment' });
  await pickOption(panel.getByRole('combobox', { name: 'Agreement' }), agreement.title, agreement.title);
  await panel.getByRole('combobox', { name: 'Category' }).selectOption({ label: category.name });
  await pickOption(panel.getByRole('combobox', { name: 'Responsible parties' }), party.name, party.name);
  await panel.getByRole('button', { name: 'Add commitment' }).click();
  // A missing title is refused beside its field, nothing else lost.
  await expect(panel.getByRole('textbox', { name: 'What was committed to' })).toHaveAccessibleDescription(
    /Enter what was committed to/,
    AFTER_WRITE,
  );
  await panel.getByRole('textbox', { name: 'What was committed to' }).fill(commitmentTitle);
  await panel.getByRole('button', { name: 'Add commitment' }).click();

  const picker = row(page, 1).getByRole('combobox', { name: 'Commitment', exact: true });
  await expect(picker).toHaveValue(commitmentTitle, AFTER_WRITE);
  await expect(panel).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(url);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(itemTitle);
  await expect(row(page, 1).getByRole('combobox', { name: 'New status' })).toHaveValue('not_started');

  await page.getByRole('button', { name: 'Log follow-up', exact: true }).click();
  const created = await db.commitment.findFirstOrThrow({ where: { title: commitmentTitle } });
  await expect(page).toHaveURL(new RegExp(`/commitments/${created.id}\\?`), AFTER_WRITE);
  expect(created.agreementId).toBe(agreement.id);
  const audit = await db.auditEvent.findFirstOrThrow({
    where: { entityType: 'Commitment', entityId: String(created.id), action: 'create' },
  });
  expect(audit.actorId).toBe(user!.id);
  expect(await db.statusUpdate.count({ where: { commitmentId: created.id, authorId: user!.id } })).toBe(1);
});
