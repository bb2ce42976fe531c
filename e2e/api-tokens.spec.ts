// An analyst makes a personal API token on /me/tokens, sees it once, uses it from outside the browser (no
// cookies) against /api/v1, revokes it, and the API refuses it from then on.
import { expect, test } from './support/fixtures.ts';

test('create a token, use it, revoke it', async ({ page, playwright }) => {
  await page.goto('/me/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  const name = `Notebook ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Access').selectOption('read');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('Your new token');
  await expect(shown).toHaveValue(/^pw_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Read-only');
  await expect(row).toContainText(`pw_${token.split('_')[1]}_…`);

  // Shown once: a reload lists the token without it.
  await page.reload();
  await expect(page.getByLabel('Your new token')).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  // A client of its own, as a notebook would be: no browser cookies.
  const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const authorization = { Authorization: `Bearer ${token}` };
  const listed = await api.get('/api/v1/commitments?status=no_evidence', { headers: authorization });
  expect(listed.status()).toBe(200);
  const body = (await listed.json()) as { asOf: string; items: { status: string }[] };
  expect(body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const item of body.items) expect(item.status).toBe('no_evidence');

  const anonymous = await api.get('/api/v1/commitments');
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['content-type']).toBe('application/problem+json');

  await page
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('button', { name: `Revoke ${name}` })
    .click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Revoked');
  const refused = await api.get('/api/v1/commitments?status=no_evidence', { headers: authorization });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { status: number }).status).toBe(401);
  await api.dispose();
});
