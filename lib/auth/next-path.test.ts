import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path.ts';

/** What a browser would do with the answer as a Location header (or `location.assign`) on this site. */
function landsOn(path: string): string {
  return new URL(path, 'https://pactwatch.example/sign-in?next=x').origin;
}

describe('safeNextPath', () => {
  it.each([
    ['/agreements', '/agreements'],
    ['/commitments/12?tab=evidence#log', '/commitments/12?tab=evidence#log'],
    ['/reports/commitments.csv?status=stalled', '/reports/commitments.csv?status=stalled'],
    // Dot segments that stay on the site are resolved, as the browser would.
    ['/agreements/./12', '/agreements/12'],
    ['/agreements/x/../12', '/agreements/12'],
    // Percent-encoded slashes and backslashes stay encoded: the browser does not decode them into separators.
    ['/%2f%2fevil.example', '/%2f%2fevil.example'],
    ['/%5c%5cevil.example', '/%5c%5cevil.example'],
  ])('keeps the local path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
    expect(landsOn(safeNextPath(next))).toBe('https://pactwatch.example');
  });

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/%0d%0aSet-Cookie:x'.replace('%0d%0a', '\r\n')],
    ['javascript:alert(1)'],
    ['agreements'],
    ['/sign-in?next=/x'],
    ['/api/auth/sign-out'],
    ['/\tevil'],
    ['/\u007fevil'],
  ])('sends %j to the overview instead', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  // Each of these passes a check on the raw string, and parsing collapses it into `//evil.example`.
  it.each([
    ['/.//evil.example'],
    ['/.//evil.example/path?x=1#y'],
    ['/..//evil.example'],
    ['/%2e//evil.example'],
    ['/%2E//evil.example'],
    ['/%2e%2e//evil.example'],
    ['/a/..//evil.example'],
    ['/a/%2e%2e//evil.example'],
    ['/./%2e//evil.example'],
    ['/a/b/../..//evil.example'],
    ['/.\\/evil.example'],
    ['/.\\\\evil.example'],
    ['/..\\evil.example'],
    ['/a/..\\\\evil.example'],
  ])('never sends %j to another host', (next) => {
    const safe = safeNextPath(next);
    expect(safe).toBe('/');
    expect(landsOn(safe)).toBe('https://pactwatch.example');
  });
});
