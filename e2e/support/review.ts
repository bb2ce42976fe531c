// What the review specs share: the CSV reports as a signed-in user downloads them, and a second browser signed in
// as someone else.
import { parse } from 'csv-parse/sync';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { formatDay, today } from '../../lib/domain/dates.ts';
import { signInRequest } from './users.ts';

/** A CSV report as the signed-in user downloads it, parsed into records by column name. */
export async function report(request: APIRequestContext, path: string): Promise<Record<string, string>[]> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
}

/** The status of the commitment in commitments.csv, and its rows in updates.csv, as of today. */
export async function reportsAsOfToday(request: APIRequestContext, agreementId: number, commitment: string) {
  const day = formatDay(today());
  const commitments = await report(request, `/reports/commitments.csv?agreement=${agreementId}&asOf=${day}`);
  const updates = await report(request, `/reports/updates.csv?agreement=${agreementId}&asOf=${day}`);
  return {
    status: commitments.find((row) => row.commitment === commitment)?.status,
    updates: updates.filter((row) => row.commitment === commitment).map((row) => row.status),
  };
}

/** A browser of its own signed in as `who`, collecting its console errors. */
export async function pageAs(page: Page, who: { email: string; password: string }) {
  const context = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  await signInRequest(context.request, who);
  const errors: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console.error on ${message.page()?.url()}: ${message.text()}`);
  });
  return { page: await context.newPage(), errors, close: () => context.close() };
}
