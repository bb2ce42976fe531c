// The app's connections run with its session settings (lib/db-client.ts withSessionSettings): JIT off, because
// compiling the dashboards' statements cost ten to a hundred times their run time. Checked on a real connection of
// a client made as the app makes it, with and without other startup options in the connection string.
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabaseClient, poolOf, withSessionSettings } from '../lib/db-client.ts';
import type { PrismaClient } from '../lib/generated/prisma/client.ts';
import { testDatabaseUrl } from './support/db.ts';

const clients: PrismaClient[] = [];
afterAll(async () => {
  for (const client of clients) await client.$disconnect();
});

async function settingsOf(connectionString: string): Promise<{ jit: string; search_path: string }> {
  const client = createDatabaseClient({ connectionString, max: 1 });
  clients.push(client);
  const result = await poolOf(client).query<{ jit: string; search_path: string }>(
    'SELECT current_setting($1) AS jit, current_setting($2) AS search_path',
    ['jit', 'search_path'],
  );
  return result.rows[0];
}

describe('session settings', () => {
  it('turn JIT off on every connection of the app’s pools', async () => {
    expect((await settingsOf(testDatabaseUrl())).jit).toBe('off');
  });

  it('keep the startup options a connection string already has', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('options', '-c search_path=pactwatch_probe,public');
    const settings = await settingsOf(url.toString());
    expect(settings).toEqual({ jit: 'off', search_path: 'pactwatch_probe,public' });
  });

  it('leave a string alone that sets JIT itself, or is not a URL', () => {
    const own = 'postgresql://u@h/db?options=-c%20jit%3Don';
    expect(withSessionSettings(own)).toBe(own);
    expect(withSessionSettings('host=/tmp dbname=x')).toBe('host=/tmp dbname=x');
    expect(new URL(withSessionSettings('postgresql://u@h/db')).searchParams.get('options')).toBe(
      '-c jit=off',
    );
  });
});
