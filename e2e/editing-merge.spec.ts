// Issue [3/9] item 15: two analysts edit the same agreement. The second to save is told who saved in between
// and when; "save again" applies only what they changed (their colleague's change is kept, never silently
// reverted), and a field both changed is shown both ways for them to choose.
import type { Browser, Page } from '@playwright/test';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { expect, test } from './support/fixtures.ts';
import { createUser, signInRequest, type E2EUser } from './support/users.ts';

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

async function newAgreement(db: PrismaClient, t: string) {
  const party = await db.party.create({ data: { name: `Merge state ${t}`, kind: 'state' } });
  return db.agreement.create({
    data: {
      title: `Merge memorandum ${t}`,
      kind: 'mou',
      place: 'Kigali',
      parties: { create: [{ partyId: party.id, role: 'signatory' }] },
    },
  });
}

/** A second analyst in a browser context of their own (the fixture signed `page` in as the first). */
async function secondAnalyst(browser: Browser, db: PrismaClient, baseURL: string | undefined) {
  const user: E2EUser = await createUser(db, 'analyst');
  const context = await browser.newContext({ baseURL });
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await signInRequest(context.request, user);
  return { user, context, errors, page: await context.newPage() };
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save changes' }).click();
}

test('different fields: saving again keeps both changes, and says who saved in between', async ({
  page,
  browser,
  db,
  baseURL,
}) => {
  test.slow();
  const t = tag();
  const agreement = await newAgreement(db, t);
  const editPath = `/agreements/${agreement.id}/edit`;
  const other = await secondAnalyst(browser, db, baseURL);
  await page.goto(editPath);
  await other.page.goto(editPath);

  // The other analyst changes the title and saves first.
  await other.page.getByLabel('Title').fill(`Renamed memorandum ${t}`);
  await save(other.page);
  await expect(other.page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));

  // I change the place, on the version I opened.
  await page.getByLabel('Place').fill('Abu Dhabi');
  await save(page);
  const notice = page.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('changed-by')).toContainText(other.user.name);
  await expect(notice.getByRole('row', { name: /^Title/ })).toContainText('Their change, kept');
  await expect(notice.getByRole('row', { name: /^Place/ })).toContainText('Your change, kept');
  // The form holds both: their title, my place.
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(`Renamed memorandum ${t}`);
  await expect(page.getByLabel('Place')).toHaveValue('Abu Dhabi');

  await save(page);
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));
  expect(await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
    title: `Renamed memorandum ${t}`,
    place: 'Abu Dhabi',
    version: 3,
  });
  await other.context.close();
  expect(other.errors, 'the second browser logged errors').toEqual([]);
});

test('the same field: both values are shown with who made the other change, and the user chooses', async ({
  page,
  browser,
  db,
  baseURL,
}) => {
  test.slow();
  const t = tag();
  const agreement = await newAgreement(db, t);
  const editPath = `/agreements/${agreement.id}/edit`;
  const other = await secondAnalyst(browser, db, baseURL);
  await page.goto(editPath);
  await other.page.goto(editPath);

  await other.page.getByLabel('Title').fill(`Their title ${t}`);
  await save(other.page);
  await expect(other.page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));

  await page.getByRole('textbox', { name: 'Title' }).fill(`My title ${t}`);
  await save(page);
  const notice = page.getByRole('region', {
    name: 'This record was changed by someone else since you opened it.',
  });
  await expect(notice.getByTestId('changed-by')).toContainText(`Saved by ${other.user.name} on`);
  const titleRow = notice.getByRole('row', { name: /^Title/ });
  await expect(titleRow.getByTestId('theirs')).toHaveText(`Their title ${t}`);
  await expect(titleRow.getByTestId('yours')).toHaveText(`My title ${t}`);

  // Saving without choosing is refused beside the choice; nothing is saved.
  await save(page);
  await expect(titleRow.getByText('Choose which version to keep.')).toBeVisible();
  expect((await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).title).toBe(
    `Their title ${t}`,
  );

  // Choosing theirs puts it in the form; choosing mine puts mine back. Mine is saved.
  await titleRow.getByRole('radio', { name: 'Keep theirs' }).check();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(`Their title ${t}`);
  await titleRow.getByRole('radio', { name: 'Keep mine' }).check();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(`My title ${t}`);
  await save(page);
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));
  expect(await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).toMatchObject({
    title: `My title ${t}`,
    version: 3,
  });
  await other.context.close();
  expect(other.errors, 'the second browser logged errors').toEqual([]);
});
