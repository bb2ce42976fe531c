// Better Auth's request counters (per client address and path), kept in this process's memory.
// Not in PostgreSQL: every counted request was a write there, so any anonymous visitor could move the database's
// snapshot at will (emptying every user's page cache, docs/decisions/006) and grow the table without end.
// Not Better Auth's own memory store either: that one scans every key on every request and is shared by every
// instance built in the process. This one is bounded (the oldest window goes first when full) and forgets each
// key when its window ends. Per instance: see docs/decisions/003-accounts-and-sessions.md for several instances.
import type { BetterAuthRateLimitOptions } from 'better-auth';

type BetterAuthRateLimitStorage = NonNullable<BetterAuthRateLimitOptions['customStorage']>;

export type MemoryRateLimitStorage = BetterAuthRateLimitStorage & {
  /** Keys counted now (for tests and the curious). */
  readonly size: number;
};

type Counter = { count: number; resetsAt: number };

export function createMemoryRateLimitStorage({
  maxKeys = 10_000,
  now = Date.now,
}: { maxKeys?: number; now?: () => number } = {}): MemoryRateLimitStorage {
  // A Map iterates in insertion order, and a key is re-inserted whenever its window restarts: the first entries
  // are the ones whose windows started longest ago, so expiry and eviction look at the front only.
  const counters = new Map<string, Counter>();

  function forgetExpired(time: number): void {
    for (const [key, counter] of counters) {
      if (counter.resetsAt > time) break;
      counters.delete(key);
    }
  }

  return {
    get size() {
      return counters.size;
    },
    async consume(key, rule) {
      const time = now();
      forgetExpired(time);
      const counter = counters.get(key);
      if (counter && counter.resetsAt > time) {
        if (counter.count >= rule.max) {
          return { allowed: false, retryAfter: Math.max(1, Math.ceil((counter.resetsAt - time) / 1000)) };
        }
        counter.count += 1;
        return { allowed: true, retryAfter: null };
      }
      counters.delete(key);
      while (counters.size >= maxKeys) counters.delete(counters.keys().next().value as string);
      counters.set(key, { count: 1, resetsAt: time + rule.window * 1000 });
      return { allowed: true, retryAfter: null };
    },
  };
}
