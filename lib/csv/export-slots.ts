// The CSV downloads' own budget. A report streams for as long as its client takes to read it, and a client can
// stop reading without closing (a stalled or hostile reader): left alone, a few of those would hold the database
// connections every other request needs. So (docs/decisions/007):
// - exports run in slots, a few per server process and fewer per user; one over either cap is refused at once
//   (429 for the user's own cap, 503 for the server's) with Retry-After, never queued;
// - each slot has a database connection of its own (lib/db.ts's exportDb, one connection per slot), so exports
//   never wait for, nor take, the connections pages and the health check use;
// - a download whose client asks for nothing for PACTWATCH_EXPORT_IDLE_MS is aborted (./stream.ts idleLimited),
//   which releases its connection and its slot.
import { databaseUnavailableResponse, isDatabaseUnavailable } from '../db-errors.ts';
import {
  REQUEST_ID_HEADER,
  currentRequestId,
  logger as defaultLogger,
  runWithRequestId,
  type Logger,
} from '../log.ts';
import { idleLimited } from './stream.ts';

export type ExportLimits = {
  /** Exports running at once in one server process (PACTWATCH_EXPORT_MAX, default 3). */
  perInstance: number;
  /** Exports one user may run at once (PACTWATCH_EXPORT_USER_MAX, default 2). */
  perUser: number;
  /** Aborted after the client reads nothing for this long (PACTWATCH_EXPORT_IDLE_MS, default 30,000). */
  idleMs: number;
};

function positiveInteger(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value?.trim() && Number.isInteger(number) && number > 0 ? number : fallback;
}

export function exportLimits(env: Record<string, string | undefined> = process.env): ExportLimits {
  return {
    perInstance: positiveInteger(env.PACTWATCH_EXPORT_MAX, 3),
    perUser: positiveInteger(env.PACTWATCH_EXPORT_USER_MAX, 2),
    idleMs: positiveInteger(env.PACTWATCH_EXPORT_IDLE_MS, 30_000),
  };
}

/** Seconds a refused export is asked to wait before trying again. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

export type ExportSlot = {
  /** Gives the slot back; only the first call counts. */
  release(): void;
};

export type SlotResult = { ok: true; slot: ExportSlot } | { ok: false; refusal: 'user' | 'instance' };

/** Counting semaphores, one for the process and one per user; never waits, only grants or refuses. */
export class ExportSlots {
  #active = 0;
  readonly #byUser = new Map<string, number>();

  constructor(readonly limits: Pick<ExportLimits, 'perInstance' | 'perUser'>) {}

  /** Exports running now, in all or for one user. */
  active(userId?: string): number {
    return userId === undefined ? this.#active : (this.#byUser.get(userId) ?? 0);
  }

  tryAcquire(userId: string): SlotResult {
    const mine = this.active(userId);
    // The user's own cap first: that refusal is theirs to act on (429), the server's is not (503).
    if (mine >= this.limits.perUser) return { ok: false, refusal: 'user' };
    if (this.#active >= this.limits.perInstance) return { ok: false, refusal: 'instance' };
    this.#active++;
    this.#byUser.set(userId, mine + 1);
    let released = false;
    return {
      ok: true,
      slot: {
        release: () => {
          if (released) return;
          released = true;
          this.#active--;
          const left = this.active(userId) - 1;
          if (left > 0) this.#byUser.set(userId, left);
          else this.#byUser.delete(userId);
        },
      },
    };
  }
}

/**
 * The process's slots, sized by exportLimits(). Kept on globalThis under a registered symbol: each report's route
 * may be bundled with its own copy of this module, and both must count against the same caps.
 */
const SLOTS = Symbol.for('pactwatch.csv.exportSlots');

export function exportSlots(): ExportSlots {
  const store = globalThis as unknown as { [SLOTS]?: ExportSlots };
  store[SLOTS] ??= new ExportSlots(exportLimits());
  return store[SLOTS];
}

/** The answer to an export over a cap: plain text, 429 (the user's cap) or 503 (the server's), Retry-After. */
export function exportRefusedResponse(refusal: 'user' | 'instance', limits: Pick<ExportLimits, 'perUser'>) {
  const message =
    refusal === 'user'
      ? `You already have ${limits.perUser === 1 ? 'an export' : `${limits.perUser} exports`} downloading. ` +
        'Let one finish, then try again.'
      : 'Too many exports are downloading from this server right now. Try again in a moment.';
  return new Response(`${message}\n`, {
    status: refusal === 'user' ? 429 : 503,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Retry-After': String(EXPORT_RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    },
  });
}

export type ExportSlotOptions = {
  slots?: ExportSlots;
  idleMs?: number;
  log?: Logger;
};

/**
 * Runs `respond` (the report's response: csvReportResponse) in one of `userId`'s export slots, refusing it when
 * none is free. The slot is held until the body has been sent, has failed, was cancelled by the client or was
 * aborted because the client read nothing for `idleMs`. A database that cannot be reached, or whose connections
 * stay busy past the pool's wait, gets the app's 503 (lib/db-errors.ts) rather than a 500.
 */
export async function inExportSlot(
  request: Request,
  userId: string,
  respond: () => Promise<Response>,
  options: ExportSlotOptions = {},
): Promise<Response> {
  const slots = options.slots ?? exportSlots();
  const idleMs = options.idleMs ?? exportLimits().idleMs;
  const log = options.log ?? defaultLogger;
  const path = new URL(request.url).pathname;
  const requestId = request.headers.get(REQUEST_ID_HEADER) ?? currentRequestId();
  const acquired = slots.tryAcquire(userId);
  if (!acquired.ok) {
    log.warn({ path, userId, refusal: acquired.refusal }, 'export refused: no free export slot');
    return exportRefusedResponse(acquired.refusal, slots.limits);
  }
  const { slot } = acquired;
  let response: Response;
  try {
    response = await respond();
  } catch (error) {
    slot.release();
    if (!isDatabaseUnavailable(error)) throw error;
    log.warn({ path, err: error }, 'database unavailable: export answered 503');
    return databaseUnavailableResponse(request, requestId);
  }
  // A refusal (400 for bad filters) holds nothing while its few bytes go out.
  if (!response.body || response.status !== 200) {
    slot.release();
    return response;
  }
  const body = idleLimited(response.body, {
    idleMs,
    onSettled(outcome) {
      slot.release();
      if (outcome !== 'idle') return;
      // From a timer, outside the request's context: its id is passed on by hand.
      const warn = () => log.warn({ path, userId, idleMs }, 'export aborted: the client read nothing');
      if (requestId) runWithRequestId(requestId, warn);
      else warn();
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
