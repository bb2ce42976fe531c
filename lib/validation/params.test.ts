import { describe, expect, it } from 'vitest';
import { parseIdParam, parsePageParam } from './params.ts';

describe('parseIdParam', () => {
  it('accepts plain positive integers', () => {
    expect(parseIdParam('1')).toBe(1);
    expect(parseIdParam('2147483647')).toBe(2_147_483_647);
  });

  it.each(['', '0', '-1', '1.5', '1e3', ' 1', 'abc', '2147483648', '99999999999'])('rejects %j', (value) => {
    expect(parseIdParam(value)).toBeNull();
  });
});

describe('parsePageParam', () => {
  it('reads the page', () => {
    expect(parsePageParam('3')).toBe(3);
    expect(parsePageParam(['2', '5'])).toBe(2);
  });

  it.each([undefined, '', '0', '-2', 'x', '1.5', '9999999', []])('falls back to page 1 for %j', (value) => {
    expect(parsePageParam(value as string | string[] | undefined)).toBe(1);
  });
});
