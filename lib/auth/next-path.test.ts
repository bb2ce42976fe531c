import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path.ts';

describe('safeNextPath', () => {
  it.each([
    ['/agreements', '/agreements'],
    ['/commitments/12?tab=evidence#log', '/commitments/12?tab=evidence#log'],
    ['/reports/commitments.csv?status=stalled', '/reports/commitments.csv?status=stalled'],
  ])('keeps the local path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
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
  ])('sends %j to the overview instead', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
});
