// Two analysts open the same commitment's edit form. The first saves; the second, saving a form loaded at the
// old version, is told the record changed, sees the saved values beside their own, and the database keeps the
// first save. Saving again merges (decision 013): what only the first changed is kept, what only the second
// changed is applied, and a field both changed needs a choice.
import type { Browser } from '@playwright/test';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { chosenParties, pickParty } from './support/pickers.ts';
import { createUser, signInRequest } from './support/users.ts';

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** A second analyst in a browser context of their own (the fixture signed `page` in as the first). */
async function secondAnalyst(browser: Browser, db: PrismaClient, baseURL: string | undefined) {
  const user = await createUser(db, 'analyst');
  const context = await browser.newContext({ baseURL });
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await signInRequest(context.request, user);
  return { user, context, errors, page: await context.newPage() };
}

test('the second of two editors is told of the conflict, shown the saved values, and overwrites nothing', async ({
  page,
  user,
  browser,
  db,
  baseURL,
}) => {
  test.slow(); // two browser contexts, each signing in and loading the form
  const t = tag();
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const [pakistan, china] = await Promise.all([
    db.party.findFirstOrThrow({ where: { name: 'Pakistan' } }),
    db.party.findFirstOrThrow({ where: { name: 'China' } }),
  ]);
  const agreement = await db.agreement.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { id: 'asc' },
  });
  const commitment = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Original title ${t}`,
      parties: { create: [{ partyId: pakistan.id, role: 'responsible' }] },
    },
  });
  const editPath = `/commitments/${commitment.id}/edit`;

  const other = await secondAnalyst(browser, db, baseURL);
  const second = other.page;

  await page.goto(editPath);
  await second.goto(editPath);

  // The first saves.
  await page.getByLabel('Title').fill(`First analyst's title ${t}`);
  await pickParty(page, 'Responsible parties', 'China');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));

  // The second, still on the version they opened, saves other values.
  await second.getByLabel('Title').fill(`Second analyst's title ${t}`);
  await second.getByLabel('Due date').fill('2027-03-31');
  await second.getByRole('button', { name: 'Save changes' }).click();

  const notice = second.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(notice).toBeVisible();
  await expect(
    second.getByRole('heading', { name: 'This record was changed by someone else since you opened it.' }),
  ).toBeFocused();
  await expect(notice.getByTestId('changed-by')).toContainText(`Saved by ${user!.name} on`);
  // Their version beside mine: the saved title and parties, and my title and date still in the form.
  const titleRow = notice.getByRole('row', { name: /^Title/ });
  await expect(titleRow.getByTestId('theirs')).toHaveText(`First analyst's title ${t}`);
  await expect(titleRow.getByTestId('yours')).toHaveText(`Second analyst's title ${t}`);
  const responsibleRow = notice.getByRole('row', { name: /^Responsible/ });
  const theirResponsible = responsibleRow.getByTestId('theirs');
  await expect(theirResponsible).toContainText(china.name);
  await expect(theirResponsible).toContainText(pakistan.name);
  await expect(responsibleRow).toContainText('Their change, kept');
  await expect(notice.getByRole('row', { name: /^Due date/ })).toContainText('Your change, kept');
  const title = second.getByRole('textbox', { name: 'Title' });
  await expect(title).toHaveValue(`Second analyst's title ${t}`);
  await expect(second.getByLabel('Due date')).toHaveValue('2027-03-31');
  // The parties only the first analyst changed are theirs in the form now.
  const responsible = chosenParties(second, 'Responsible parties');
  await expect(responsible).toContainText('China');
  await expect(responsible).toContainText('Pakistan');
  await expect(second).toHaveURL(new RegExp(`${editPath}$`));

  // Nothing of the second save reached the database.
  const stored = () =>
    db.commitment.findUniqueOrThrow({
      where: { id: commitment.id },
      select: { title: true, dueOn: true, version: true, parties: { select: { partyId: true } } },
    });
  const afterConflict = await stored();
  expect(afterConflict).toMatchObject({ title: `First analyst's title ${t}`, dueOn: null, version: 2 });
  expect(afterConflict.parties.map((entry) => entry.partyId).sort()).toEqual([pakistan.id, china.id].sort());

  // Both changed the title: saving again without choosing is refused beside the choice, and saves nothing.
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(titleRow.getByText('Choose which version to keep.')).toBeVisible();
  expect(await stored()).toMatchObject({ title: `First analyst's title ${t}`, version: 2 });

  // Choosing mine, deliberately: it goes through on top of the version shown, keeping the first's parties.
  await titleRow.getByRole('radio', { name: 'Keep mine' }).check();
  await expect(title).toHaveValue(`Second analyst's title ${t}`);
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));
  const final = await stored();
  expect(final).toMatchObject({ title: `Second analyst's title ${t}`, version: 3 });
  expect(final.dueOn?.toISOString().slice(0, 10)).toBe('2027-03-31');
  expect(final.parties.map((entry) => entry.partyId).sort()).toEqual([pakistan.id, china.id].sort());
  expect(
    await db.auditEvent.count({ where: { entityType: 'Commitment', entityId: String(commitment.id) } }),
  ).toBe(2);

  await other.context.close();
  expect(other.errors, 'the second browser logged errors').toEqual([]);
});

test('different fields of a commitment: saving again keeps both changes', async ({
  page,
  browser,
  db,
  baseURL,
}) => {
  test.slow();
  const t = tag();
  const category = await db.category.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { position: 'asc' },
  });
  const agreement = await db.agreement.findFirstOrThrow({
    where: { archivedAt: null },
    orderBy: { id: 'asc' },
  });
  const [responsible, beneficiary] = await Promise.all([
    db.party.create({ data: { name: `Merge responsible ${t}`, kind: 'state' } }),
    db.party.create({ data: { name: `Merge beneficiary ${t}`, kind: 'state' } }),
  ]);
  const commitment = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Merge commitment ${t}`,
      parties: { create: [{ partyId: responsible.id, role: 'responsible' }] },
    },
  });
  const editPath = `/commitments/${commitment.id}/edit`;
  const other = await secondAnalyst(browser, db, baseURL);
  await page.goto(editPath);
  await other.page.goto(editPath);

  // The other analyst renames it and adds a beneficiary, and saves first.
  await other.page.getByLabel('Title').fill(`Renamed commitment ${t}`);
  await pickParty(other.page, 'Beneficiary parties', beneficiary.name);
  await other.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(other.page).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));

  // I set a due date and a strength, on the version I opened.
  await page.getByLabel('Due date').fill('2027-06-30');
  await page.getByRole('radio', { name: /^Proposal/ }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const notice = page.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('changed-by')).toContainText(`Saved by ${other.user.name} on`);
  await expect(notice.getByRole('row', { name: /^Title/ })).toContainText('Their change, kept');
  await expect(notice.getByRole('row', { name: /^Beneficiary parties/ })).toContainText('Their change, kept');
  await expect(notice.getByRole('row', { name: /^Due date/ })).toContainText('Your change, kept');
  await expect(notice.getByRole('row', { name: /^Strength/ })).toContainText('Your change, kept');
  await expect(notice.getByRole('radio')).toHaveCount(0);
  // The form holds both: their title and beneficiary, my date and strength.
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(`Renamed commitment ${t}`);
  await expect(chosenParties(page, 'Beneficiary parties')).toContainText(beneficiary.name);
  await expect(page.getByLabel('Due date')).toHaveValue('2027-06-30');

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));
  const saved = await db.commitment.findUniqueOrThrow({
    where: { id: commitment.id },
    select: {
      title: true,
      dueOn: true,
      strength: true,
      version: true,
      parties: { select: { partyId: true, role: true } },
    },
  });
  expect(saved).toMatchObject({ title: `Renamed commitment ${t}`, strength: 'proposal', version: 3 });
  expect(saved.dueOn?.toISOString().slice(0, 10)).toBe('2027-06-30');
  expect(saved.parties).toEqual(
    expect.arrayContaining([
      { partyId: responsible.id, role: 'responsible' },
      { partyId: beneficiary.id, role: 'beneficiary' },
    ]),
  );
  await other.context.close();
  expect(other.errors, 'the second browser logged errors').toEqual([]);
});
