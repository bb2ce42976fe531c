// One's own account: changing one's password from the header's account menu (the other sessions end, this one
// stays, the old password stops working), and an admin resetting someone else's.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { clientIp, createUser, forgiveHttpErrors, signIn, signInThroughForm } from './support/users.ts';

// Each test signs in the users it needs.
test.use({ signedInAs: null });

const NEW_PASSWORD = 'correct horse battery staple';

async function fillPasswords(page: Page, current: string, next: string, again = next) {
  await page.getByLabel('Current password').fill(current);
  // By role: the label's text carries the required-field star, which the accessible name leaves out.
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(next);
  await page.getByLabel('New password again').fill(again);
}

test('a viewer changes their password: other sessions end, this one stays, and only the new one signs in', async ({
  page,
  browser,
  db,
  pageErrors,
}) => {
  // Four sign-ins and four password checks, each scrypt on purpose.
  test.setTimeout(90_000);
  const viewer = await createUser(db, 'viewer');
  await signIn(page, viewer);
  // The same person signed in elsewhere (another browser).
  const elsewhere = await browser.newContext();
  const elsewherePage = await elsewhere.newPage();
  await signIn(elsewherePage, viewer);

  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/me\/password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();
  const submit = page.getByRole('button', { name: 'Change password' });

  // Nothing typed: an error beside each field.
  await submit.click();
  await expect(page.getByText('Enter your current password.')).toBeVisible();
  await expect(page.getByText('Enter a new password.')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  // A confirmation that differs, then a wrong current password: each refused beside its field, nothing kept.
  await fillPasswords(page, viewer.password, NEW_PASSWORD, `${NEW_PASSWORD}!`);
  await submit.click();
  await expect(page.getByText('This is not the same as the new password.')).toBeVisible();
  await expect(page.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Current password')).toHaveValue('');

  await fillPasswords(page, 'not the password at all', NEW_PASSWORD);
  await submit.click();
  await expect(page.getByText('That is not your current password.')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Current password')).toBeFocused();
  expect(await db.signInFailure.findUnique({ where: { email: viewer.email } })).toMatchObject({ count: 1 });
  expect(await db.auditEvent.count({ where: { actorId: viewer.id } })).toBe(0);

  // The right one. The button stays disabled while the change is under way (the request held back a moment).
  await fillPasswords(page, viewer.password, NEW_PASSWORD);
  await page.route('**/me/password', async (route) => {
    if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await submit.click();
  await expect(page.getByRole('button', { name: 'Changing…' })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toContainText(
    'Your other session was signed out; this one stays signed in.',
  );
  await page.unroute('**/me/password');
  expect(
    await db.auditEvent.findMany({
      where: { actorId: viewer.id },
      select: { action: true, entityId: true },
    }),
  ).toEqual([{ action: 'change_password', entityId: viewer.id }]);

  // Still signed in here; signed out in the other browser.
  await page.reload();
  await expect(page).toHaveURL(/\/me\/password$/);
  await elsewherePage.goto('/');
  await expect(elsewherePage).toHaveURL(/\/sign-in$/);
  await elsewhere.close();

  // Signed out, the old password is refused and the new one works.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  await page.getByLabel('E-mail').fill(viewer.email);
  await page.getByLabel('Password').fill(viewer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
  forgiveHttpErrors(pageErrors, [401]);
  await signInThroughForm(page, { email: viewer.email, password: NEW_PASSWORD });
  await expect(page.getByRole('banner').getByText(viewer.name)).toBeVisible();
});

test('an admin resets a signed-in user’s password: a generated one, shown once, and they are signed out', async ({
  page,
  browser,
  db,
}) => {
  // Three sign-ins and two password hashes, each scrypt on purpose.
  test.setTimeout(60_000);
  const analyst = await createUser(db, 'analyst', { name: `Reset Me ${Date.now()}` });
  const analystContext = await browser.newContext();
  const analystPage = await analystContext.newPage();
  await signIn(analystPage, analyst);
  await analystPage.goto('/agreements');
  await expect(analystPage).toHaveURL(/\/agreements$/);

  const admin = await createUser(db, 'admin');
  await signIn(page, admin);
  await page.goto('/admin/users');
  // Their own row offers the change-password page instead: a reset would skip the current password.
  const own = page.getByTestId(`user-${admin.email}`);
  await expect(own.getByText(/^Reset password/)).toHaveCount(0);
  await expect(own.getByRole('link', { name: 'Change password' })).toHaveAttribute('href', '/me/password');

  const row = page.getByTestId(`user-${analyst.email}`);
  await row.getByText(`Reset password of ${analyst.name}`).click();
  await row.getByLabel('New password').fill('too short');
  await row.getByRole('button', { name: `Set new password for ${analyst.name}` }).click();
  await expect(row.getByText('Use at least 12 characters, or leave it empty to generate one.')).toBeVisible();

  await row.getByLabel('New password').fill('');
  await row.getByRole('button', { name: `Set new password for ${analyst.name}` }).click();
  await expect(row.getByText(`New password set for ${analyst.name}`)).toBeVisible();
  const generated = (await row.getByTestId('reset-password').textContent())!.trim();
  expect(generated).toMatch(/^[A-Za-z0-9]{24}$/);
  expect(
    await db.auditEvent.findFirst({
      where: { entityType: 'User', entityId: analyst.id, action: 'reset_password' },
      select: { actorId: true },
    }),
  ).toEqual({ actorId: admin.id });

  // The analyst is signed out on their next request and signs in with the password handed over.
  await analystPage.reload();
  await expect(analystPage).toHaveURL(/\/sign-in\?next=%2Fagreements$/);
  await signInThroughForm(analystPage, { email: analyst.email, password: generated }, '/agreements');
  await expect(analystPage).toHaveURL(/\/agreements$/);
  await analystContext.close();
});
