// Playwright drives the built app in Chromium. `npm test` (scripts/test.ts) builds and starts the app on a
// database of its own and sets PLAYWRIGHT_BASE_URL and E2E_DATABASE_URL; to run specs against an app you
// started yourself: `PLAYWRIGHT_BASE_URL=http://127.0.0.1:3000 E2E_DATABASE_URL=... npx playwright test`.
import { defineConfig, devices } from '@playwright/test';

// Without it, the app `npm start` serves by default.
const baseURL = process.env.PLAYWRIGHT_BASE_URL ?? 'http://localhost:3000';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // Two cores, and the embedded database answers one query at a time: more workers only add waiting.
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    // scripts/test.ts reads the counts for its summary from here.
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'playwright-report/e2e.json' }],
  ],
  use: {
    baseURL,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // `npx playwright install` cannot download browsers here; the distribution's Chromium works.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
