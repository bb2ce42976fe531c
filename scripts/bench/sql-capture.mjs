// Preloaded into a `next start` of its own (NODE_OPTIONS=--import) by the benchmark, never into the measured
// one: appends every SQL statement the server sends through pg (text, parameters, row mode) to the file named
// by BENCH_SQL_CAPTURE, one JSON line each. The benchmark requests one page at a time and reads the lines that
// request added, so it replays exactly what the page ran, Better Auth's session lookup included. pg is a
// server-external package (next.config.ts), so the server loads this same module instance.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = process.env.BENCH_SQL_CAPTURE;

if (file) {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const pg = require('pg');
  const original = pg.Client.prototype.query;

  /** JSON cannot hold bytes or bigints: tag them so the replay can restore them. */
  const encode = (value) => {
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(encode);
    return value;
  };

  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    try {
      const text = typeof config === 'string' ? config : config?.text;
      if (typeof text === 'string') {
        const params = Array.isArray(values) ? values : Array.isArray(config?.values) ? config.values : [];
        const line = JSON.stringify({
          at: Date.now(),
          text,
          values: params.map(encode),
          rowMode: typeof config === 'object' ? (config.rowMode ?? null) : null,
        });
        appendFileSync(file, `${line}\n`);
      }
    } catch {
      // Capturing must never break the server it observes.
    }
    return original.call(this, config, values, callback);
  };
}
