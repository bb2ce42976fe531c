// People, as a new analyst looks for them: a link in the main navigation, and "New person" leading to a form
// like the other editors' (errors beside the fields, what was typed kept, the same rules as the list's quick-add),
// whose person lands in the list with an audit event in the analyst's name. Viewers see the list and no form.
import { expect, test } from './support/fixtures.ts';
import { pickOption } from './support/pickers.ts';
import { forgiveHttpErrors } from './support/users.ts';

// Eight pages and three submissions: more than the default budget on a loaded two-core machine.
test.slow();

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

test('an analyst finds People in the navigation and adds a person on /people/new', async ({
  page,
  db,
  user,
}) => {
  const name = `Ahsan Iqbal ${tag()}`;
  const pakistan = await db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } });
  const existing = await db.person.findFirstOrThrow({ where: { archivedAt: null } });

  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('link', { name: 'New person' }).click();
  await expect(page).toHaveURL(/\/people\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New person' })).toBeVisible();
  // Still under People.
  await expect(nav.getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await page.waitForLoadState('networkidle');

  // Without a name: refused, the error beside the field, the focus on it, what was typed kept.
  const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
  await page.getByLabel('Title').fill('Minister of Planning');
  // The party picker searches as the analyst types.
  const speaksFor = page.getByRole('combobox', { name: 'Speaks for' });
  await pickOption(speaksFor, 'Pakistan', 'Pakistan');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toHaveAccessibleDescription('Enter the person’s name.');
  await expect(nameField).toBeFocused();
  await expect(page.getByLabel('Title')).toHaveValue('Minister of Planning');
  await expect(speaksFor).toHaveValue('Pakistan');
  await expect(page.locator('input[type="hidden"][name="partyId"]')).toHaveValue(String(pakistan.id));

  // The same rule as everywhere: one person per name.
  await nameField.fill(existing.name.toUpperCase());
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(nameField).toHaveAccessibleDescription(`“${existing.name}” is already recorded.`);
  await expect(page).toHaveURL(/\/people\/new$/);

  await nameField.fill(name);
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page).toHaveURL(/\/people\?added=\d+$/);
  const notice = page.getByRole('status').filter({ hasText: `Added ${name}.` });
  await expect(notice).toBeVisible();

  const person = await db.person.findFirstOrThrow({ where: { name } });
  expect(person).toMatchObject({ title: 'Minister of Planning', partyId: pakistan.id, archivedAt: null });
  const audit = await db.auditEvent.findFirstOrThrow({
    where: { entityType: 'Person', entityId: String(person.id), action: 'create' },
  });
  expect(audit.actorId).toBe(user!.id);

  // The notice leads to the person's form, which has what was saved.
  await notice.getByRole('link', { name: `Edit ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${person.id}/edit$`));
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(name);
  await expect(page.getByLabel('Title')).toHaveValue('Minister of Planning');
});

test.describe('as a viewer', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees People in the navigation and the list, but no way to add anyone', async ({
    page,
    pageErrors,
  }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New person' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add person' })).toHaveCount(0);

    const response = await page.goto('/people/new');
    expect(response?.status()).toBe(403);
    forgiveHttpErrors(pageErrors, [403]);
  });
});
