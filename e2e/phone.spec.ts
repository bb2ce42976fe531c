// On a phone (390 × 844), as a new analyst first met it: a commitment's title squeezed into a narrow column beside
// its buttons, and a navigation running off the right edge. Now the title has the width, the buttons wrap below
// it, nothing scrolls sideways, and every link of the main navigation is on screen, reachable by keyboard and
// leads to its section. Desktop keeps the one-row header (the other specs run at 1280 px).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const SECTIONS = [
  'Overview',
  'Agreements',
  'Commitments',
  'Evidence',
  'Parties',
  'People',
  'Inbox',
  'Review',
  'Reports',
];

/**
 * How far the page is wider than the screen. Against the screen's width, not `window.innerWidth`: a phone's
 * browser widens its layout viewport to fit a page that is too wide, and innerWidth grows with it.
 */
async function horizontalOverflow(page: Page): Promise<number> {
  const screen = page.viewportSize()!.width;
  return page.evaluate(
    (width) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - width,
    screen,
  );
}

test('a commitment’s title takes the width of the screen and its buttons wrap below it', async ({
  page,
  db,
}) => {
  const commitment = await db.commitment.findFirstOrThrow({
    where: { title: { startsWith: 'Special protection unit' }, archivedAt: null },
  });
  await page.goto(`/commitments/${commitment.id}`);
  // The chart measures itself once its script runs; the page must not scroll sideways before or after.
  await page.waitForLoadState('networkidle');

  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(commitment.title);
  const titleBox = (await title.boundingBox())!;
  expect(titleBox.width, 'the title is not squeezed beside the buttons').toBeGreaterThanOrEqual(300);

  for (const button of [
    page.getByRole('link', { name: 'Edit commitment' }),
    page.getByRole('main').getByRole('link', { name: 'Log follow-up', exact: true }),
  ]) {
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.y, 'the buttons sit below the title').toBeGreaterThanOrEqual(titleBox.y + titleBox.height);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }

  await expect
    .poll(() => horizontalOverflow(page), { message: 'the page scrolls sideways' })
    .toBeLessThanOrEqual(0);
});

test.describe('the main navigation', () => {
  // An admin's is the longest: it adds Admin.
  test.use({ signedInAs: 'admin' });

  test('shows every link on screen, reachable by keyboard, each leading to its section', async ({ page }) => {
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('link');
    await expect(links).toHaveText([...SECTIONS, 'Admin']);

    // On screen as they are: no sideways scrolling, inside or outside the navigation.
    for (const link of await links.all()) {
      await expect(link).toBeInViewport({ ratio: 1 });
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // The header's first row holds the user and sign-out beside the main action, without overflowing either.
    const header = page.getByRole('banner');
    for (const control of [
      header.getByRole('link', { name: 'Log follow-up' }),
      header.getByRole('button', { name: 'Sign out' }),
    ]) {
      await expect(control).toBeInViewport({ ratio: 1 });
    }

    // The keyboard reaches each link in turn.
    await links.first().focus();
    for (let index = 1; index < SECTIONS.length + 1; index++) {
      await page.keyboard.press('Tab');
      await expect(links.nth(index)).toBeFocused();
    }

    // And each leads to its section, marked as the current one.
    for (const [index, name] of SECTIONS.entries()) {
      if (index === 0) continue;
      await nav.getByRole('link', { name, exact: true }).tap();
      await expect(page).toHaveURL(new RegExp(`/${name.toLowerCase()}$`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
      expect(await horizontalOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await nav.getByRole('link', { name: 'Admin', exact: true }).tap();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await horizontalOverflow(page), 'Admin scrolls sideways').toBeLessThanOrEqual(0);
  });
});

test.describe('on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test('the navigation stays one row of tabs and the buttons stay beside the title', async ({ page, db }) => {
    const commitment = await db.commitment.findFirstOrThrow({
      where: { title: { startsWith: 'Special protection unit' }, archivedAt: null },
    });
    await page.goto(`/commitments/${commitment.id}`);
    const tops = await Promise.all(
      (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()).map(
        async (link) => (await link.boundingBox())!.y,
      ),
    );
    expect(new Set(tops).size, 'one row').toBe(1);
    const titleBox = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    const editBox = (await page.getByRole('link', { name: 'Edit commitment' }).boundingBox())!;
    expect(editBox.y).toBeLessThan(titleBox.y + titleBox.height);
    expect(editBox.x).toBeGreaterThan(titleBox.x + titleBox.width);
  });
});
