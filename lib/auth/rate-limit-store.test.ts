import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStorage } from './rate-limit-store.ts';

const rule = { window: 60, max: 3 };

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('createMemoryRateLimitStorage', () => {
  it('allows `max` requests per key and window, then says how long to wait', async () => {
    const time = clock();
    const storage = createMemoryRateLimitStorage({ now: time.now });
    for (let request = 0; request < rule.max; request++) {
      expect(await storage.consume('1.2.3.4|/sign-in/email', rule)).toEqual({
        allowed: true,
        retryAfter: null,
      });
    }
    time.advance(15_000);
    expect(await storage.consume('1.2.3.4|/sign-in/email', rule)).toEqual({ allowed: false, retryAfter: 45 });
    // Other keys have their own counters.
    expect((await storage.consume('5.6.7.8|/sign-in/email', rule)).allowed).toBe(true);
    expect((await storage.consume('1.2.3.4|/get-session', rule)).allowed).toBe(true);
  });

  it('starts a new window once the old one ended, and forgets keys whose window ended', async () => {
    const time = clock();
    const storage = createMemoryRateLimitStorage({ now: time.now });
    for (let request = 0; request <= rule.max; request++) await storage.consume('a', rule);
    await storage.consume('b', rule);
    expect((await storage.consume('a', rule)).allowed).toBe(false);
    expect(storage.size).toBe(2);
    time.advance(rule.window * 1000);
    expect((await storage.consume('a', rule)).allowed).toBe(true);
    // `b` expired with its window: only `a`, just restarted, is left.
    expect(storage.size).toBe(1);
  });

  it('never holds more than maxKeys counters: a flood of addresses evicts the oldest windows', async () => {
    const time = clock();
    const storage = createMemoryRateLimitStorage({ now: time.now, maxKeys: 100 });
    await storage.consume('kept', { window: 600, max: 1 });
    for (let address = 0; address < 10_000; address++) {
      time.advance(1);
      await storage.consume(`10.0.${address >> 8}.${address & 255}|/ok`, rule);
      expect(storage.size).toBeLessThanOrEqual(100);
    }
    expect(storage.size).toBe(100);
  });
});
