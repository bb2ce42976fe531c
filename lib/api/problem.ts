// Every /api/v1 error in one shape: RFC 9457 problem details. `errors` carries the field errors the forms show,
// under the same field names, so a client can put them beside the fields it sent.
import { createHash } from 'node:crypto';

const PROBLEM_TYPE_BASE = '/api/docs#problem-';

export type ProblemInit = {
  status: number;
  title: string;
  detail?: string;
  /** Field name → messages, as the forms show them (400/422). */
  errors?: Record<string, string[]>;
  headers?: Record<string, string>;
  /** Anything else the problem type defines (the current record of a 409). */
  extra?: Record<string, unknown>;
};

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'invalid',
  429: 'rate-limited',
};

export function problem({ status, title, detail, errors, headers, extra }: ProblemInit): Response {
  const body = {
    type: `${PROBLEM_TYPE_BASE}${SLUGS[status] ?? status}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers },
  });
}

export function unauthenticated(): Response {
  return problem({
    status: 401,
    title: 'Unauthenticated',
    detail: 'Send a valid API token: Authorization: Bearer pw_…. Create one on /me/tokens.',
    headers: { 'WWW-Authenticate': 'Bearer realm="pactwatch"' },
  });
}

export function notFound(what = 'record'): Response {
  return problem({ status: 404, title: 'Not found', detail: `No such ${what}.` });
}

/**
 * A JSON answer with a strong ETag over its bytes; 304 without a body when the client already holds them. Private:
 * what a token sees is its user's, and the data changes under it.
 */
export function jsonWithEtag(request: Request, body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
  const headers = { ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Authorization' };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (
    status === 200 &&
    ifNoneMatch &&
    ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
  ) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(text, { status, headers: { ...headers, 'Content-Type': 'application/json' } });
}
