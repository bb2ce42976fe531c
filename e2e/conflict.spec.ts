// Two analysts open the same commitment's edit form. The first saves; the second, saving a form loaded at the
// old version, is told the record changed, sees the saved values beside their own, and the database keeps the
// first save. Saving again is then a deliberate choice, and goes through.
import { expect, test } from './support/fixtures.ts';
import { createUser, signInRequest } from './support/users.ts';

test('the second of two editors is told of the conflict, shown the saved values, and overwrites nothing', async ({
  page,
  browser,
  db,
  baseURL,
}) => {
  test.slow(); // two browser contexts, each signing in and loading the form
  const t = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
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

  // A second analyst in a browser context of their own (the fixture signed `page` in as the first).
  const other = await browser.newContext({ baseURL });
  const errors: string[] = [];
  other.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await signInRequest(other.request, await createUser(db, 'analyst'));
  const second = await other.newPage();

  await page.goto(editPath);
  await second.goto(editPath);

  // The first saves.
  await page.getByLabel('Title').fill(`First analyst's title ${t}`);
  await page.getByRole('group', { name: 'Responsible parties' }).getByLabel('China', { exact: true }).check();
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
  // Their version beside mine: the saved title and parties, and my title and date still in the form.
  const titleRow = notice.getByRole('row', { name: /^Title/ });
  await expect(titleRow.getByRole('cell').nth(0)).toHaveText(`First analyst's title ${t}`);
  await expect(titleRow.getByRole('cell').nth(1)).toHaveText(`Second analyst's title ${t}`);
  const theirResponsible = notice
    .getByRole('row', { name: /^Responsible/ })
    .getByRole('cell')
    .nth(0);
  await expect(theirResponsible).toContainText(china.name);
  await expect(theirResponsible).toContainText(pakistan.name);
  await expect(second.getByLabel('Title')).toHaveValue(`Second analyst's title ${t}`);
  await expect(second.getByLabel('Due date')).toHaveValue('2027-03-31');
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

  // Saving again, having seen theirs, is deliberate: it goes through on top of the version shown.
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second).toHaveURL(new RegExp(`/commitments/${commitment.id}$`));
  expect(await stored()).toMatchObject({ title: `Second analyst's title ${t}`, version: 3 });
  expect(
    await db.auditEvent.count({ where: { entityType: 'Commitment', entityId: String(commitment.id) } }),
  ).toBe(2);

  await other.close();
  expect(errors, 'the second browser logged errors').toEqual([]);
});
