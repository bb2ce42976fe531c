// The status timeline's time axis, read by an analyst anywhere: every tick a month name and a four-digit year
// ("3 Jun 2025", "Jun 2025"), never "Jun 25" (the 25th of June?) or "06/03" that reads two ways, and no tick twice.
// The chart is a picture hidden from screen readers (the status history says the same in text), so its ticks are
// found by recharts' class names rather than by role.
import type { Page } from '@playwright/test';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { refreshStatusCache } from '../lib/data/status-cache.ts';
import { expect, test } from './support/fixtures.ts';

const DAY_MS = 86_400_000;
const UNAMBIGUOUS = /^(\d{1,2} )?[A-Z][a-z]{2,3} \d{4}$/;

function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

function utcDay(offsetDays: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + offsetDays * DAY_MS);
}

/** A commitment created on `createdAt` with follow-ups on the given days, and its page's URL. */
async function commitmentWithNews(db: PrismaClient, authorId: string, createdAt: Date, days: Date[]) {
  const label = tag();
  const [category, pakistan] = await Promise.all([
    db.category.findFirstOrThrow({ where: { archivedAt: null } }),
    db.party.findFirstOrThrow({ where: { name: 'Pakistan', parentId: null } }),
  ]);
  const agreement = await db.agreement.create({ data: { title: `Axis e2e ${label}`, kind: 'mou' } });
  const commitment = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: `Axis commitment ${label}`,
      createdAt,
      parties: { create: [{ partyId: pakistan.id, role: 'responsible' }] },
    },
  });
  await db.statusUpdate.createMany({
    data: days.map((observedOn, index) => ({
      commitmentId: commitment.id,
      status: index % 2 ? 'stalled' : 'in_progress',
      reason: index % 2 ? 'paused' : null,
      observedOn,
      authorId,
    })),
  });
  await db.$transaction((tx) => refreshStatusCache(tx, [commitment.id]));
  return `/commitments/${commitment.id}`;
}

async function axisLabels(page: Page): Promise<string[]> {
  const chart = page.getByRole('region', { name: 'Status timeline' });
  const ticks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toBeVisible();
  return (await ticks.allTextContents()).map((text) => text.trim());
}

test('a history of almost two years is marked by month and year', async ({ page, db, user }) => {
  const start = new Date('2025-01-10T00:00:00Z');
  const url = await commitmentWithNews(db, user!.id, start, [
    start,
    new Date('2025-06-25T00:00:00Z'),
    new Date('2025-09-03T00:00:00Z'),
  ]);
  await page.goto(url);
  const labels = await axisLabels(page);
  expect(labels.length).toBeGreaterThanOrEqual(2);
  for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]{2,3} \d{4}$/);
  expect(new Set(labels).size, 'no tick twice').toBe(labels.length);
});

test('a history of a few weeks is marked by day, month and year', async ({ page, db, user }) => {
  const url = await commitmentWithNews(db, user!.id, utcDay(-20), [utcDay(-20), utcDay(-9), utcDay(-2)]);
  await page.goto(url);
  const labels = await axisLabels(page);
  expect(labels.length).toBeGreaterThanOrEqual(2);
  for (const label of labels) expect(label).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
  expect(new Set(labels).size, 'no tick twice').toBe(labels.length);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the narrow axis keeps its labels unambiguous', async ({ page, db, user }) => {
    const url = await commitmentWithNews(db, user!.id, new Date('2024-03-01T00:00:00Z'), [
      new Date('2024-03-05T00:00:00Z'),
      new Date('2025-11-20T00:00:00Z'),
    ]);
    await page.goto(url);
    const labels = await axisLabels(page);
    for (const label of labels) expect(label).toMatch(UNAMBIGUOUS);
  });
});
