import { describe, expect, it } from 'vitest';
import { normaliseUrl, urlIdentity } from './url.ts';

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

describe('urlIdentity', () => {
  /** The identity of an address as the analyst pastes it (stored addresses are normalised first). */
  const identityOf = (text: string) => urlIdentity(normaliseUrl(text)!);

  it('makes the http/https, www. and AMP forms of one article one item', () => {
    const forms = [
      'https://www.dawn.com/news/1',
      'http://dawn.com/news/1',
      'http://dawn.com/news/1/amp',
      'https://www.dawn.com/news/1/amp/',
      'https://www.dawn.com/amp/news/1',
      'https://dawn.com/news/amp/1',
      'https://amp.dawn.com/news/1',
      'https://www.dawn.com/news/1?amp',
      'https://www.dawn.com/news/1?amp=1',
      'https://www.dawn.com/news/1?outputType=amp',
      'https://www.dawn.com/news/1?OUTPUTTYPE=AMP&AMP=true',
      'HTTP://WWW.DAWN.COM:80/news/1/amp?utm_source=x#top',
    ];
    expect(new Set(forms.map(identityOf))).toEqual(new Set(['//dawn.com/news/1']));
  });

  it('keeps what tells articles apart', () => {
    expect(identityOf('https://www.dawn.com/news/1?page=2&amp=1')).toBe('//dawn.com/news/1?page=2');
    expect(identityOf('https://www.dawn.com/news/1?amp=1&page=2')).toBe('//dawn.com/news/1?page=2');
    expect(identityOf('https://www.dawn.com/news/1?outputType=print')).toBe(
      '//dawn.com/news/1?outputType=print',
    );
    // Only whole segments and parameters are AMP markers; paths keep their case.
    expect(identityOf('https://example.org/ampere/amp-stories/1.amp')).toBe(
      '//example.org/ampere/amp-stories/1.amp',
    );
    expect(identityOf('https://example.org/news/AMP')).toBe('//example.org/news/AMP');
    expect(identityOf('https://example.org/news?ampx=1&camp=2')).toBe('//example.org/news?ampx=1&camp=2');
    expect(identityOf('https://example.org:8443/news')).toBe('//example.org:8443/news');
    expect(identityOf('https://news.example.org/a')).not.toBe(identityOf('https://example.org/a'));
  });

  it('strips host prefixes but never down to a bare top-level domain', () => {
    expect(identityOf('https://www.amp.example.org/a')).toBe('//example.org/a');
    expect(identityOf('https://amp.dev/about')).toBe('//amp.dev/about');
    expect(identityOf('https://www.amp.dev/about')).toBe('//amp.dev/about');
    expect(identityOf('https://www.com/x')).toBe('//www.com/x');
    expect(identityOf('http://localhost:3000/amp')).toBe('//localhost:3000');
  });

  it('leaves a home page whose only path was /amp as the home page', () => {
    expect(identityOf('https://www.dawn.com/amp')).toBe(identityOf('https://dawn.com'));
    expect(identityOf('https://dawn.com/?amp')).toBe('//dawn.com');
  });

  it('keeps urn:pactwatch references, and any other text, as their own identity', () => {
    expect(urlIdentity('urn:pactwatch:seed:dunya-news')).toBe('urn:pactwatch:seed:dunya-news');
    expect(urlIdentity('not a url')).toBe('not a url');
    expect(urlIdentity('')).toBe('');
  });

  it('keeps a fragment, which only items marked as legacy duplicates carry', () => {
    expect(urlIdentity('http://dawn.com/news/1/amp?amp=1#pactwatch-item-23-duplicates-17')).toBe(
      '//dawn.com/news/1#pactwatch-item-23-duplicates-17',
    );
  });

  it('is idempotent on what it returns for web addresses', () => {
    for (const text of ['https://www.dawn.com/news/1/amp?amp=1&x=2', 'https://amp.example.org/amp/amp']) {
      const once = identityOf(text);
      expect(urlIdentity(`https:${once}`)).toBe(once);
    }
  });
});
