// Follow-ups logged through the running app over HTTP: POST /api/v1/follow-ups with a write token, which does what
// the "Log follow-up" form's action does step for step (lib/api/follow-ups.ts: the same schema over the same flat
// fields, the same warnings check, the same transaction with its audit events, then revalidatePath). The bench's
// instances run with a rate limit high enough for the loops (PACTWATCH_API_RATE_LIMIT).
import http from 'node:http';
import { formatDay, today } from '../../lib/domain/dates.ts';
import { parallelLoops, summarise, type Latency } from './measure.ts';
import type { Rng } from './prng.ts';

const STATUSES = ['in_progress', 'partially_fulfilled', 'stalled', 'not_started', 'fulfilled'] as const;

/** A filled-in "Log follow-up" form: a new item (unique URL) and one status update on a random commitment. */
export function followUpForm(
  options: { runId: string; commitmentIds: readonly number[]; outletIds: readonly number[] },
  rng: Rng,
  worker: number,
  n: number,
): Record<string, string> {
  const day = formatDay(today());
  return {
    url: `https://bench.example/follow-up/${options.runId}/${worker}-${n}`,
    outlet: String(rng.pick(options.outletIds)),
    title: `Bench follow-up ${options.runId} ${worker}-${n}: officials report progress`,
    language: 'en',
    publishedOn: day,
    excerpt: 'Officials said the work was proceeding according to the agreed timetable.',
    credibility: '2',
    type: 'concrete_action',
    'rows.0.commitmentId': String(rng.pick(options.commitmentIds)),
    'rows.0.status': rng.pick(STATUSES),
    'rows.0.observedOn': day,
    'rows.0.reason': 'The item reports the state of the work on that day.',
  };
}

/**
 * Kept-alive connections for the writers. node:http rather than fetch: undici's fetch cost the bench process about
 * 4 ms of CPU a request, on the same two cores as the server it measures.
 */
const writerAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One POST /api/v1/follow-ups; throws unless the app answers 201 Created. */
export function postFollowUp(baseUrl: string, token: string, fields: Record<string, string>): Promise<void> {
  // confirmWarnings: a random status may move a commitment backwards; the analyst's "Save anyway".
  const body = JSON.stringify({ ...fields, confirmWarnings: 'yes' });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}/api/v1/follow-ups`,
      {
        method: 'POST',
        agent: writerAgent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode === 201) return resolve();
          const text = Buffer.concat(chunks).toString('utf8');
          reject(new Error(`POST /api/v1/follow-ups answered ${response.statusCode}: ${text.slice(0, 300)}`));
        });
      },
    );
    request.on('error', reject);
    request.setTimeout(120_000, () => request.destroy(new Error('POST /api/v1/follow-ups timed out')));
    request.end(body);
  });
}

export type HttpWriter = {
  baseUrls: readonly string[];
  token: string;
  runId: string;
  commitmentIds: readonly number[];
  outletIds: readonly number[];
  rng: Rng;
};

/**
 * `workers` loops posting follow-ups for `seconds` (at most `maxIterations` in all), worker w to
 * baseUrls[w mod n]: the latency of logging one through the app.
 */
export function httpWriteLoops(
  writer: HttpWriter,
  options: { workers: number; seconds: number; maxIterations: number },
): Promise<Latency> {
  return parallelLoops({
    ...options,
    iteration: (worker, n) =>
      postFollowUp(
        writer.baseUrls[worker % writer.baseUrls.length],
        writer.token,
        followUpForm(writer, writer.rng, worker, n),
      ),
  });
}

/**
 * One follow-up every 1/rate seconds (a slow write delays the next), in turn to each of `baseUrls`, until the
 * returned stop() is called; stop() resolves with the writes' latencies. The first write is done before this
 * resolves.
 */
export async function startPacedWriter(
  writer: HttpWriter,
  rate: number,
): Promise<{ stop(): Promise<Latency> }> {
  const samples: number[] = [];
  const started = performance.now();
  let stopped = false;
  let failure: unknown = null;
  const write = async (n: number) => {
    const t0 = performance.now();
    await postFollowUp(
      writer.baseUrls[n % writer.baseUrls.length],
      writer.token,
      followUpForm(writer, writer.rng, 0, n),
    );
    samples.push(performance.now() - t0);
  };
  await write(0);
  const loop = (async () => {
    for (let n = 1; !stopped; n++) {
      const next = started + (n * 1000) / rate;
      while (!stopped && performance.now() < next)
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, next - performance.now())));
      if (stopped) break;
      try {
        await write(n);
      } catch (error) {
        failure = error;
        return;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      if (failure) throw failure;
      return summarise(samples, (performance.now() - started) / 1000);
    },
  };
}
