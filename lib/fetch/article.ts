// Fetches one article page for the draft extractor (lib/draft). The URL comes from an analyst, so the server must
// not become a way to read what only it can reach: only http(s); every address the host resolves to must be public
// (lib/fetch/addresses.ts), checked again for each redirect; the connection goes to the address that was checked,
// never to a second DNS answer; time and size are capped, and only HTML or plain text is read. The feed poller
// (lib/feeds) uses the same fetcher through `fetchResource`, for XML and with conditional requests.
//
// PACTWATCH_FETCH_ALLOW_HOSTS names host:port pairs fetched even though they are private or loopback (a test's
// fixture server, an intranet feed): an exact match on the parsed URL's host and port, checked again for every
// redirect, so one allowed port on 127.0.0.1 does not open the machine's other ports.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../errors.ts';
import { isPrivateAddress } from './addresses.ts';

export type FetchRefusal =
  | 'scheme'
  | 'address'
  | 'dns'
  | 'redirects'
  | 'timeout'
  | 'too-large'
  | 'content-type'
  | 'status'
  | 'network';

/** A fetch that was refused or failed; the message is safe to show to the analyst. */
export class FetchRefusedError extends AppError {
  readonly refusal: FetchRefusal;

  constructor(refusal: FetchRefusal, message: string) {
    super(message);
    this.refusal = refusal;
  }
}

type ResolvedAddress = { address: string; family: 4 | 6 };

export type FetchArticleOptions = {
  /** Until the server accepts the connection, per request (default 5 s). */
  connectTimeoutMs?: number;
  /** For the whole fetch, redirects included (default 15 s). */
  totalTimeoutMs?: number;
  /** Largest body read, after decompression (default 3 MiB). */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default: whether PACTWATCH_FETCH_ALLOW_PRIVATE is set. */
  allowPrivate?: boolean;
  /** Private addresses allowed all the same (a test's fixture server); everything else is still checked. */
  allowAddresses?: readonly string[];
  /**
   * `host:port` pairs fetched even when private or loopback (default: PACTWATCH_FETCH_ALLOW_HOSTS, comma-separated).
   * Matched exactly against each URL's host and port (the scheme's default when the URL gives none).
   */
  allowHosts?: readonly string[];
  /** How host names are resolved (default: the system resolver, every address). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
};

export type FetchedPage = {
  /** The address the body came from, after redirects. */
  url: string;
  contentType: 'text/html' | 'text/plain';
  body: string;
  /** Every address visited before `url`. */
  redirects: string[];
};

const DEFAULTS = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxBytes: 3 * 1024 * 1024,
  maxRedirects: 5,
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Pactwatch article fetcher';
const PAGE_TYPES = ['text/html', 'text/plain'] as const;

/**
 * The `host:port` keys of PACTWATCH_FETCH_ALLOW_HOSTS (or of `entries`), each parsed as a URL's host would be (so
 * `LOCALHOST:8080` matches `http://localhost:8080/`). An entry without a port, or that is not a host, is ignored:
 * allowing every port of a private host is what PACTWATCH_FETCH_ALLOW_PRIVATE is for.
 */
export function allowedHostKeys(
  entries: readonly string[] = (process.env.PACTWATCH_FETCH_ALLOW_HOSTS ?? '').split(','),
): Set<string> {
  const keys = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!/^[^/?#@\s]+:\d{1,5}$/.test(entry)) continue;
    try {
      const url = new URL(`http://${entry}`);
      keys.add(`${url.hostname}:${url.port || '80'}`);
    } catch {
      // Not a host: ignored.
    }
  }
  return keys;
}

/** The key a URL is looked up by in the allowed hosts: its host name and port, the scheme's default if none. */
function hostKey(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

/** Whether the environment allows private addresses (an intranet deployment, or local development). */
function privateAllowedByEnv(): boolean {
  const value = process.env.PACTWATCH_FETCH_ALLOW_PRIVATE?.trim().toLowerCase();
  return Boolean(value) && value !== '0' && value !== 'false' && value !== 'no';
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
}

/** The URL parsed, or a refusal that says which schemes are fetched. */
function checkedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new FetchRefusedError(
      'scheme',
      'That is not a web address: enter one starting with https:// or http://.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(
      'scheme',
      `Only http:// and https:// addresses are fetched, not ${url.protocol} ones: paste the article's text instead.`,
    );
  }
  if (url.username || url.password) {
    throw new FetchRefusedError('scheme', 'Addresses with a user name or password in them are not fetched.');
  }
  return url;
}

type Settings = Required<Omit<FetchArticleOptions, 'resolve' | 'allowAddresses' | 'allowHosts'>> & {
  resolve: (hostname: string) => Promise<ResolvedAddress[]>;
  allowAddresses: ReadonlySet<string>;
  allowHosts: ReadonlySet<string>;
  /** The media types read; any other is refused. */
  mediaTypes: readonly string[];
  /** What those types are, for the refusal ("a web page", "a feed"). */
  what: string;
  accept: string;
  /** Extra request headers (a feed's If-None-Match, If-Modified-Since). */
  headers: Record<string, string>;
};

/** Resolves the URL's host and checks every address it has; returns the one to connect to. */
async function addressFor(url: URL, settings: Settings, signal: AbortSignal): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      // A resolver that never answers must not outlast the total timeout.
      addresses = await Promise.race([
        settings.resolve(host),
        new Promise<never>((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      ]);
    } catch {
      if (signal.aborted) throw new FetchRefusedError('timeout', 'The page took too long to fetch.');
      throw new FetchRefusedError('dns', `The host ${host} could not be found.`);
    }
    if (!addresses.length) throw new FetchRefusedError('dns', `The host ${host} has no address.`);
  }
  if (!settings.allowPrivate && !settings.allowHosts.has(hostKey(url))) {
    // Every address, not just the first: a host with one public and one private answer could be reached on either.
    const refused = addresses.find(
      (entry) => isPrivateAddress(entry.address) && !settings.allowAddresses.has(entry.address),
    );
    if (refused) {
      throw new FetchRefusedError(
        'address',
        `${url.host} is a private, loopback or link-local address (${refused.address}); the server fetches only public addresses.`,
      );
    }
  }
  return addresses[0];
}

type Response = { status: number; headers: http.IncomingHttpHeaders; body: Buffer | null };

/** One request to `url` at the checked `target` address; reads the body only when it is a page we take. */
function requestOnce(
  url: URL,
  target: ResolvedAddress,
  settings: Settings,
  signal: AbortSignal,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    // The connection uses the address that was checked, whatever DNS would answer now (no rebinding).
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'GET',
      agent: false,
      lookup,
      signal,
      headers: {
        ...settings.headers,
        'user-agent': USER_AGENT,
        accept: settings.accept,
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    const connectTimer = setTimeout(
      () => fail(new FetchRefusedError('timeout', `${url.host} did not accept a connection in time.`)),
      settings.connectTimeoutMs,
    );
    request.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      if (!socket.connecting) connected();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      if (signal.aborted) fail(new FetchRefusedError('timeout', `${url.host} took too long to answer.`));
      else if (error instanceof FetchRefusedError) fail(error);
      else fail(new FetchRefusedError('network', `Could not fetch ${url.host}: ${error.message}`));
    });
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status) || status < 200 || status >= 300) {
        response.resume();
        settled = true;
        resolve({ status, headers: response.headers, body: null });
        return;
      }
      const type = mediaType(response.headers['content-type']);
      if (!settings.mediaTypes.includes(type)) {
        fail(
          new FetchRefusedError(
            'content-type',
            `The address returned ${type || 'no content type'}, not ${settings.what} (${settings.mediaTypes.join(' or ')}).`,
          ),
        );
        return;
      }
      const declared = Number(response.headers['content-length']);
      const tooLarge = () =>
        new FetchRefusedError(
          'too-large',
          `The page is larger than ${Math.round(settings.maxBytes / 1024)} KiB; paste the article's text instead.`,
        );
      if (Number.isFinite(declared) && declared > settings.maxBytes) {
        fail(tooLarge());
        return;
      }
      let stream: Readable = response;
      const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
      if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(zlib.createGunzip());
      else if (encoding === 'deflate') stream = response.pipe(zlib.createInflate());
      else if (encoding === 'br') stream = response.pipe(zlib.createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      // Counted after decompression: a small compressed body must not expand without limit.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > settings.maxBytes) {
          stream.destroy();
          fail(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (error) => {
        if (signal.aborted) fail(new FetchRefusedError('timeout', `${url.host} took too long to answer.`));
        else fail(new FetchRefusedError('network', `Could not read the page: ${error.message}`));
      });
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    request.end();
  });
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The body as text, in the charset the header, the page's own <meta> or an XML declaration declares (UTF-8 when
 * none does).
 */
function decode(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 4096).toString('latin1');
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

export type FetchResourceOptions = FetchArticleOptions & {
  /** The media types read (lower case); anything else is refused as 'content-type'. */
  mediaTypes: readonly string[];
  /** What those types are, for the refusal ("a web page", "a feed"). */
  what: string;
  /** The Accept header sent. */
  accept: string;
  /** Extra request headers, such as If-None-Match and If-Modified-Since for a conditional request. */
  headers?: Record<string, string>;
};

/** A fetched resource: its body (status 200), or nothing new (304, to a conditional request). */
export type FetchedResource =
  | {
      status: 200;
      url: string;
      mediaType: string;
      body: string;
      headers: http.IncomingHttpHeaders;
      redirects: string[];
    }
  | { status: 304; url: string; headers: http.IncomingHttpHeaders; redirects: string[] };

/**
 * Fetches `address` with every check of `fetchArticle`, reading only the given media types. A 304 answer (to
 * conditional headers the caller sent) is returned as such, without a body.
 */
export async function fetchResource(
  address: string,
  options: FetchResourceOptions,
): Promise<FetchedResource> {
  const settings: Settings = {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    allowPrivate: options.allowPrivate ?? privateAllowedByEnv(),
    allowAddresses: new Set(options.allowAddresses ?? []),
    allowHosts: options.allowHosts ? allowedHostKeys(options.allowHosts) : allowedHostKeys(),
    resolve: options.resolve ?? systemResolve,
    mediaTypes: options.mediaTypes,
    what: options.what,
    accept: options.accept,
    headers: options.headers ?? {},
  };
  const controller = new AbortController();
  const totalTimer = setTimeout(() => controller.abort(), settings.totalTimeoutMs);
  const timedOut = () => new FetchRefusedError('timeout', 'The page took too long to fetch.');
  try {
    let url = checkedUrl(address);
    const redirects: string[] = [];
    for (;;) {
      const target = await addressFor(url, settings, controller.signal);
      if (controller.signal.aborted) throw timedOut();
      const response = await requestOnce(url, target, settings, controller.signal);
      if (REDIRECTS.has(response.status)) {
        const location = response.headers.location;
        if (!location)
          throw new FetchRefusedError(
            'status',
            `The page redirected (${response.status}) without saying where.`,
          );
        if (redirects.length >= settings.maxRedirects) {
          throw new FetchRefusedError(
            'redirects',
            `The page redirected more than ${settings.maxRedirects} times.`,
          );
        }
        redirects.push(url.href);
        url = checkedUrl(new URL(location, url).href);
        continue;
      }
      if (response.status === 304) {
        return { status: 304, url: url.href, headers: response.headers, redirects };
      }
      if (response.status < 200 || response.status >= 300 || !response.body) {
        throw new FetchRefusedError('status', `The page answered with HTTP status ${response.status}.`);
      }
      const contentType = response.headers['content-type'];
      return {
        status: 200,
        url: url.href,
        mediaType: mediaType(contentType),
        body: decode(response.body, contentType),
        headers: response.headers,
        redirects,
      };
    }
  } catch (error) {
    if (controller.signal.aborted && !(error instanceof FetchRefusedError && error.refusal !== 'network')) {
      throw timedOut();
    }
    throw error;
  } finally {
    clearTimeout(totalTimer);
  }
}

/**
 * Fetches an article page by URL, following at most `maxRedirects` redirects and checking each address on the
 * way. Throws FetchRefusedError with a message for the analyst on any refusal or failure.
 */
export async function fetchArticle(address: string, options: FetchArticleOptions = {}): Promise<FetchedPage> {
  const page = await fetchResource(address, {
    ...options,
    mediaTypes: PAGE_TYPES,
    what: 'a web page',
    accept: 'text/html, text/plain;q=0.9',
  });
  // No conditional headers are sent, so a 304 is a server's error.
  if (page.status !== 200) throw new FetchRefusedError('status', 'The page answered with HTTP status 304.');
  return {
    url: page.url,
    contentType: page.mediaType === 'text/plain' ? 'text/plain' : 'text/html',
    body: page.body,
    redirects: page.redirects,
  };
}
