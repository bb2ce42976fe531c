// BETTER_AUTH_SECRET for the embedded start: the environment's if set, otherwise one generated on first start
// and kept in the data directory (mode 0600), so sessions survive restarts. Never printed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'auth-secret';

/**
 * Returns the secret the app must be started with (pass it on as BETTER_AUTH_SECRET). Synchronous and safe to call
 * from two processes at once: the file is created exclusively and the loser reads the winner's.
 */
export function ensureAuthSecret(dataDir: string): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;

  const file = path.join(dataDir, SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;

  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecret(file);
    if (winner) return winner;
    throw new Error(`${file} exists but holds no usable secret; delete it to generate a new one.`);
  }
}

function readSecret(file: string): string | null {
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value.length >= 32 ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
