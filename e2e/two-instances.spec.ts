// Two app instances on one database, as behind a load balancer without sticky sessions (README "Running several
// instances"): a second `next start` of the same build, with the same BETTER_AUTH_SECRET, beside the one `npm test`
// serves. A session made on one is good on the other, a write through one is on the other's next load, and a
// scheduled job made due runs once between them (lib/scheduler/scheduler.ts), its daily events recorded once.
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnChild, stopChild, waitForHttp, type Child } from '../scripts/lib/process.ts';
import { freePort } from '../tests/faults/processes.ts';
import { collectOutput, DIST_DIR, NEXT_BIN, ROOT, type Output } from './support/app-process.ts';
import { expect, test } from './support/fixtures.ts';

let second: { child: Child; output: Output; url: string } | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const secret = process.env.E2E_AUTH_SECRET;
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (!secret || !databaseUrl) throw new Error('run through `npm test` (E2E_AUTH_SECRET, E2E_DATABASE_URL)');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnChild(
    'second instance',
    process.execPath,
    [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        BETTER_AUTH_SECRET: secret,
        NEXT_DIST_DIR: DIST_DIR,
        PORT: String(port),
        PACTWATCH_INTERNAL_ORIGIN: url,
        PACTWATCH_TRUSTED_PROXIES: '127.0.0.1',
        PACTWATCH_SCHEDULER_TICK_MS: '500',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = collectOutput(child, 'second instance');
  second = { child, output, url };
  await waitForHttp(`${url}/api/health`, 90_000, {
    abort: child.exited,
    abortMessage: () => `the second instance exited:\n${output.text().slice(-3000)}`,
  });
});

test.afterAll(async () => {
  if (second) await stopChild(second.child, { graceMs: 10_000 });
});

test('a session made on one instance is good on the other, and a write through one shows on the other', async ({
  page,
  user,
}) => {
  const other = second!.url;
  // Signed in on the first instance (the fixture); the cookie is the host's, so the second sees it too.
  await page.goto(`${other}/`);
  await expect(page).not.toHaveURL(/sign-in/);
  await expect(page.getByRole('banner')).toContainText(user!.name);

  const name = `E2E two instances ${Date.now().toString(36)}`;
  await page.goto('/outlets/new');
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('combobox', { name: /^Default reliability/ }).selectOption({ index: 2 });
  await page.getByRole('button', { name: 'Add outlet' }).click();
  await expect(page).toHaveURL(/\/outlets\/\d+/);

  await page.goto(`${other}/outlets?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a job made due runs once between the two instances, and its daily events are recorded once', async ({
  db,
  user,
}) => {
  // An overdue commitment the user follows: the daily evaluation (notify.daily-events) tells them once.
  const category = await db.category.findFirstOrThrow({ where: { archivedAt: null } });
  const agreement = await db.agreement.create({
    data: { title: `E2E two instances ${Date.now().toString(36)}`, kind: 'mou' },
  });
  const overdue = await db.commitment.create({
    data: {
      agreementId: agreement.id,
      categoryId: category.id,
      title: 'Overdue on two instances',
      dueOn: new Date('2020-01-31T00:00:00Z'),
    },
  });
  await db.follow.create({ data: { userId: user!.id, commitmentId: overdue.id } });

  const jobs = await db.scheduledJob.findMany({ orderBy: { name: 'asc' } });
  expect(jobs.length, 'the instances registered their jobs').toBeGreaterThan(0);
  for (const job of jobs) {
    // Made due, and its run count read, in one statement: a run that ends after it is ours.
    const [{ runs: before }] = await db.$queryRaw<{ runs: number }[]>`
      UPDATE "ScheduledJob" SET "dueAt" = now() WHERE name = ${job.name} RETURNING runs`;
    await expect
      .poll(async () => (await db.scheduledJob.findUniqueOrThrow({ where: { name: job.name } })).runs, {
        timeout: 20_000,
      })
      .toBeGreaterThan(before);
    // Both instances tick every 500 ms: several more ticks each, and still one run.
    await sleep(3_000);
    const after = await db.scheduledJob.findUniqueOrThrow({ where: { name: job.name } });
    expect(after.runs, `${job.name} ran once`).toBe(before + 1);
  }
  expect(jobs.map((job) => job.name)).toContain('notify.daily-events');
  const events = await db.notificationEvent.findMany({
    where: { commitmentId: overdue.id, kind: 'overdue' },
    include: { notifications: true },
  });
  expect(events).toHaveLength(1);
  expect(events[0].notifications.map((notification) => notification.userId)).toEqual([user!.id]);
});
