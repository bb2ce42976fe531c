import { describe, expect, it } from 'vitest';
import { normaliseUrl } from './url.ts';

describe('normaliseUrl', () => {
  it('lower-cases scheme and host but keeps the path', () => {
    expect(normaliseUrl('HTTPS://Dunyanews.TV/en/Pakistan/123-Naqvi')).toBe(
      'https://dunyanews.tv/en/Pakistan/123-Naqvi',
    );
  });

  it('drops tracking parameters, fragments, default ports and trailing slashes', () => {
    expect(
      normaliseUrl(
        'https://www.dawn.com:443/news/1900000/?utm_source=x&utm_medium=y&fbclid=abc&page=2#comments',
      ),
    ).toBe('https://www.dawn.com/news/1900000?page=2');
    expect(normaliseUrl('http://example.org/')).toBe('http://example.org');
    expect(normaliseUrl('https://example.org/a//b/')).toBe('https://example.org/a/b');
  });

  it('treats two spellings of one article as the same URL', () => {
    expect(normaliseUrl('https://example.org/story/?utm_campaign=z')).toBe(
      normaliseUrl('https://EXAMPLE.org/story'),
    );
  });

  it('keeps non-Latin paths and queries intact', () => {
    const url = normaliseUrl('https://www.xinhuanet.com/politics/2026-09/新闻?id=5');
    expect(url).toBe('https://www.xinhuanet.com/politics/2026-09/%E6%96%B0%E9%97%BB?id=5');
  });

  it('rejects what is not an http(s) URL', () => {
    expect(normaliseUrl('not a url')).toBeNull();
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('ftp://example.org/file')).toBeNull();
    expect(normaliseUrl('https://intranet/page')).toBeNull();
    expect(normaliseUrl('')).toBeNull();
  });

  it('keeps internal urn:pactwatch references', () => {
    expect(normaliseUrl('urn:pactwatch:seed:dunya-news')).toBe('urn:pactwatch:seed:dunya-news');
  });
});
