import 'server-only';
// The one wrapper of every authenticated /api/v1 handler: a bearer token and nothing else (no cookie is ever
// read, so a browser's session cannot be ridden by another site), the token's permission, a per-token rate limit,
// and known errors as problem details.
import { createMemoryRateLimitStorage } from '../auth/rate-limit-store.ts';
import type { Permission } from '../auth/permissions.ts';
import { minimumRole } from '../auth/permissions.ts';
import { db } from '../db.ts';
import { AppError, NotFoundError, VersionConflictError } from '../errors.ts';
import { nextLink } from './pagination.ts';
import { jsonWithEtag, problem, unauthenticated } from './problem.ts';
import { apiCan, verifyApiToken, type ApiPrincipal } from './tokens.ts';

const limiter = createMemoryRateLimitStorage();
const RATE_WINDOW_SECONDS = 60;

/** Requests per token per minute: PACTWATCH_API_RATE_LIMIT, 120 by default. */
function rateLimit(): number {
  const configured = Number(process.env.PACTWATCH_API_RATE_LIMIT);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : 120;
}

function bearer(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export type ApiHandler<C> = (request: Request, context: C, principal: ApiPrincipal) => Promise<Response>;

export function apiRoute<C>(
  permission: Permission,
  handler: ApiHandler<C>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    const token = bearer(request);
    const principal = token ? await verifyApiToken(token, db) : null;
    if (!principal) return unauthenticated();
    const limit = rateLimit();
    const { allowed, retryAfter } = await limiter.consume(`api:${principal.tokenId}`, {
      window: RATE_WINDOW_SECONDS,
      max: limit,
    });
    if (!allowed) {
      return problem({
        status: 429,
        title: 'Too many requests',
        detail: `This token may make ${limit} requests a minute.`,
        headers: { 'Retry-After': String(retryAfter ?? RATE_WINDOW_SECONDS) },
      });
    }
    if (!apiCan(principal, permission)) {
      const detail =
        principal.scope === 'read' && permission !== 'read' && permission !== 'export'
          ? 'This token is read-only.'
          : `Your role does not allow this (it needs ${minimumRole(permission)} or above).`;
      return problem({ status: 403, title: 'Forbidden', detail });
    }
    try {
      return await handler(request, context, principal);
    } catch (error) {
      if (error instanceof NotFoundError)
        return problem({ status: 404, title: 'Not found', detail: error.message });
      if (error instanceof VersionConflictError)
        return problem({ status: 409, title: 'Conflict', detail: error.message });
      if (error instanceof AppError) {
        return problem({
          status: 422,
          title: 'Unprocessable',
          detail: error.message,
          errors: error.fieldErrors,
        });
      }
      throw error;
    }
  };
}

/** A page of a list: the items, the cursor link to the next page (null on the last), with an ETag. */
export function listResponse(
  request: Request,
  url: URL,
  page: { items: { id: number }[]; more: boolean },
  extra: Record<string, unknown> = {},
): Response {
  const last = page.items.at(-1)?.id;
  return jsonWithEtag(request, { ...extra, items: page.items, next: nextLink(url, last, page.more) });
}
