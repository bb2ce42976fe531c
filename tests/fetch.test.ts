// The article fetcher (lib/fetch) against a local HTTP server. The server listens on 127.0.0.1, which the fetcher
// refuses unless PACTWATCH_FETCH_ALLOW_PRIVATE is set (or the address is allowed for the test): both sides are
// tested. Host names resolve through a stub, so nothing asks real DNS and nothing reaches the internet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../lib/fetch/addresses.ts';
import {
  allowedHostKeys,
  fetchArticle,
  FetchRefusedError,
  type FetchArticleOptions,
} from '../lib/fetch/article.ts';

const PAGE = '<html><head><title>Unit set up</title></head><body><p>The unit was set up.</p></body></html>';
let server: http.Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    const [path] = (request.url ?? '').split('?');
    if (path === '/article') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (path === '/gzip') {
      response
        .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
        .end(gzipSync('plain text'));
    } else if (path === '/big') {
      // No Content-Length: the cap must hold while reading.
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('x'.repeat(64 * 1024));
      response.end('x'.repeat(64 * 1024));
    } else if (path === '/declared-big') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * 1024 * 1024) });
      response.write('x');
    } else if (path === '/slow') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<p>');
    } else if (path === '/pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
    } else if (path === '/to-private') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-mixed') {
      response.writeHead(301, { location: 'http://mixed.example.test/article' }).end();
    } else if (path === '/to-article') {
      response.writeHead(307, { location: '/article' }).end();
    } else if (path === '/to-other-port') {
      // The same loopback host, another port: not covered by an allow-list entry for this one.
      response.writeHead(302, { location: `http://127.0.0.1:${otherPort()}/article` }).end();
    } else if (path === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else {
      response.writeHead(404, { 'content-type': 'text/html' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A port on 127.0.0.1 other than the fixture server's. */
function otherPort(): number {
  const port = Number(new URL(base).port);
  return port === 65535 ? port - 1 : port + 1;
}

const saved = process.env.PACTWATCH_FETCH_ALLOW_PRIVATE;
const savedHosts = process.env.PACTWATCH_FETCH_ALLOW_HOSTS;
afterEach(() => {
  if (saved === undefined) delete process.env.PACTWATCH_FETCH_ALLOW_PRIVATE;
  else process.env.PACTWATCH_FETCH_ALLOW_PRIVATE = saved;
  if (savedHosts === undefined) delete process.env.PACTWATCH_FETCH_ALLOW_HOSTS;
  else process.env.PACTWATCH_FETCH_ALLOW_HOSTS = savedHosts;
});

/** A stub resolver: the fixture host is the local server; other names answer what each test needs. */
const resolve: FetchArticleOptions['resolve'] = async (hostname) => {
  if (hostname === 'fixture.example.test') return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'mixed.example.test') {
    return [
      { address: '93.184.215.14', family: 4 },
      { address: 'fd00::1', family: 6 },
    ];
  }
  throw new Error('ENOTFOUND');
};
/** The fixture host's address allowed, as if it were public; every other private address is still refused. */
const fixture: FetchArticleOptions = { resolve, allowAddresses: ['127.0.0.1'], allowPrivate: false };

async function refusal(promise: Promise<unknown>): Promise<FetchRefusedError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchRefusedError);
  return error as FetchRefusedError;
}

describe('fetchArticle refuses', () => {
  it('http://127.0.0.1/ and other private addresses unless PACTWATCH_FETCH_ALLOW_PRIVATE is set', async () => {
    delete process.env.PACTWATCH_FETCH_ALLOW_PRIVATE;
    delete process.env.PACTWATCH_FETCH_ALLOW_HOSTS;
    const before = hits.length;
    for (const url of [
      `${base}/article`,
      'http://127.0.0.1/',
      'http://[::1]/',
      'http://10.0.0.1/',
      'http://169.254.169.254/',
    ]) {
      const error = await refusal(fetchArticle(url));
      expect(error.refusal, url).toBe('address');
      expect(error.message).toMatch(/private, loopback or link-local/);
    }
    expect(hits.length).toBe(before);
  });

  it('file: and every other scheme, with a message that says what is fetched', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/a', 'javascript:alert(1)', 'not a url']) {
      const error = await refusal(fetchArticle(url));
      expect(error.refusal, url).toBe('scheme');
      expect(error.message).toMatch(/http/);
    }
    expect((await refusal(fetchArticle('file:///etc/passwd'))).message).toContain('not file: ones');
  });

  it('a redirect from an allowed host to a private address, before connecting to it', async () => {
    const error = await refusal(
      fetchArticle('http://fixture.example.test:' + new URL(base).port + '/to-private', fixture),
    );
    expect(error.refusal).toBe('address');
    expect(error.message).toContain('169.254.169.254');
  });

  it('a host any of whose addresses is private', async () => {
    const port = new URL(base).port;
    const error = await refusal(fetchArticle(`http://fixture.example.test:${port}/to-mixed`, fixture));
    expect(error).toMatchObject({ refusal: 'address' });
    expect(error.message).toContain('fd00::1');
  });

  it('bodies over the size cap, whether declared or not', async () => {
    process.env.PACTWATCH_FETCH_ALLOW_PRIVATE = '1';
    expect(await refusal(fetchArticle(`${base}/big`, { maxBytes: 100 * 1024 }))).toMatchObject({
      refusal: 'too-large',
    });
    expect(await refusal(fetchArticle(`${base}/declared-big`))).toMatchObject({ refusal: 'too-large' });
  });

  it('a server or resolver that does not finish in time', async () => {
    process.env.PACTWATCH_FETCH_ALLOW_PRIVATE = '1';
    const started = Date.now();
    expect(await refusal(fetchArticle(`${base}/slow`, { totalTimeoutMs: 300 }))).toMatchObject({
      refusal: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const silent: FetchArticleOptions['resolve'] = () => new Promise(() => {});
    expect(
      await refusal(fetchArticle('http://silent.example.test/', { resolve: silent, totalTimeoutMs: 200 })),
    ).toMatchObject({ refusal: 'timeout' });
  });

  it('what is not a web page, error statuses and redirect loops', async () => {
    process.env.PACTWATCH_FETCH_ALLOW_PRIVATE = '1';
    expect(await refusal(fetchArticle(`${base}/pdf`))).toMatchObject({ refusal: 'content-type' });
    expect(await refusal(fetchArticle(`${base}/missing`))).toMatchObject({ refusal: 'status' });
    expect(await refusal(fetchArticle(`${base}/loop`))).toMatchObject({ refusal: 'redirects' });
    expect(await refusal(fetchArticle('http://unknown.example.test/', { resolve }))).toMatchObject({
      refusal: 'dns',
    });
  });
});

describe('fetchArticle fetches', () => {
  it('a page from a private address when PACTWATCH_FETCH_ALLOW_PRIVATE is set, following redirects', async () => {
    process.env.PACTWATCH_FETCH_ALLOW_PRIVATE = '1';
    const page = await fetchArticle(`${base}/to-article`);
    expect(page).toMatchObject({
      url: `${base}/article`,
      contentType: 'text/html',
      body: PAGE,
      redirects: [`${base}/to-article`],
    });
    expect(await fetchArticle(`${base}/gzip`)).toMatchObject({
      contentType: 'text/plain',
      body: 'plain text',
    });
  });

  it('an allowed host by the address it resolved to', async () => {
    const port = new URL(base).port;
    const page = await fetchArticle(`http://fixture.example.test:${port}/article`, fixture);
    expect(page.body).toBe(PAGE);
  });
});

describe('PACTWATCH_FETCH_ALLOW_HOSTS', () => {
  it('fetches an allowed host:port on loopback, and refuses its other ports, also after a redirect', async () => {
    delete process.env.PACTWATCH_FETCH_ALLOW_PRIVATE;
    const port = new URL(base).port;
    process.env.PACTWATCH_FETCH_ALLOW_HOSTS = `example.test:80, 127.0.0.1:${port}`;
    expect((await fetchArticle(`${base}/article`)).body).toBe(PAGE);

    const before = hits.length;
    const other = await refusal(fetchArticle(`http://127.0.0.1:${otherPort()}/article`));
    expect(other.refusal).toBe('address');
    // The allowed port's redirect to another port is checked again, before connecting.
    const redirected = await refusal(fetchArticle(`${base}/to-other-port`));
    expect(redirected.refusal).toBe('address');
    expect(redirected.message).toContain(`127.0.0.1:${otherPort()}`);
    expect(hits.length).toBe(before + 1);
    // Without a port, on the default port, and by another name for the same address: all refused.
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost/article',
      'http://[::1]:' + port + '/article',
    ]) {
      expect(
        (await refusal(fetchArticle(url, { resolve: async () => [{ address: '127.0.0.1', family: 4 }] })))
          .refusal,
        url,
      ).toBe('address');
    }
  });

  it('reads host:port entries as a URL’s host, ignoring entries without a port', () => {
    expect([
      ...allowedHostKeys([' LOCALHOST:8080 ', 'feeds.example.test', '[::1]:9000', 'a/b:1', '']),
    ]).toEqual(['localhost:8080', '[::1]:9000']);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.31.255.255', true],
    ['192.168.0.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1%eth0', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['93.184.215.14', false],
    ['2606:4700::1111', false],
    ['not-an-address', true],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
