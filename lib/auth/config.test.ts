import { describe, expect, it } from 'vitest';
import { AuthConfigError, authSecret, authSettings, clientIpOptions } from './config.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe('authSecret', () => {
  it('is required, and long, in production', () => {
    expect(() => authSecret(env({ NODE_ENV: 'production' }))).toThrow(AuthConfigError);
    expect(() => authSecret(env({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'short' }))).toThrow(
      /32 characters/,
    );
    const secret = 'x'.repeat(40);
    expect(authSecret(env({ NODE_ENV: 'production', BETTER_AUTH_SECRET: secret }))).toBe(secret);
  });

  it('falls back to a development secret elsewhere', () => {
    expect(authSecret(env({ NODE_ENV: 'development' }))).toMatch(/development-only/);
  });
});

describe('authSettings', () => {
  it('serves this machine over http when BETTER_AUTH_URL is unset: cookies must not be Secure', () => {
    expect(authSettings(env({ NODE_ENV: 'test' }))).toMatchObject({ publicUrl: null, secureCookies: false });
  });

  it('uses Secure cookies exactly when the public URL is https', () => {
    expect(authSettings(env({ BETTER_AUTH_URL: 'https://pactwatch.example/some/path' }))).toMatchObject({
      publicUrl: 'https://pactwatch.example',
      secureCookies: true,
    });
    expect(authSettings(env({ BETTER_AUTH_URL: 'http://intranet:3000' })).secureCookies).toBe(false);
  });

  it('refuses malformed URLs and reads the lists', () => {
    expect(() => authSettings(env({ BETTER_AUTH_URL: 'pactwatch.example' }))).toThrow(AuthConfigError);
    expect(
      authSettings(
        env({
          BETTER_AUTH_TRUSTED_ORIGINS: 'https://a.example, https://b.example/x',
          PACTWATCH_CLIENT_IP_HEADERS: 'CF-Connecting-IP',
          PACTWATCH_TRUSTED_PROXIES: '10.0.0.0/8',
        }),
      ),
    ).toMatchObject({
      trustedOrigins: ['https://a.example', 'https://b.example'],
      clientIpHeaders: ['cf-connecting-ip'],
      trustedProxies: ['10.0.0.0/8'],
    });
  });
});

describe('clientIpOptions', () => {
  const settings = (values: Record<string, string>) => authSettings(env({ NODE_ENV: 'test', ...values }));

  it('believes no header, X-Forwarded-For included, unless told which proxies add it', () => {
    expect(clientIpOptions(settings({}))).toEqual({ ipAddressHeaders: [] });
    expect(clientIpOptions(settings({ PACTWATCH_TRUSTED_PROXIES: '10.1.2.3, fd00::/8' }))).toEqual({
      ipAddressHeaders: ['x-forwarded-for'],
      trustedProxies: ['10.1.2.3', 'fd00::/8'],
    });
    expect(clientIpOptions(settings({ PACTWATCH_CLIENT_IP_HEADERS: 'CF-Connecting-IP' }))).toEqual({
      ipAddressHeaders: ['cf-connecting-ip'],
    });
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '10.0.0.0/8/8', '10.0.0.0/', '::1/129'])(
    'refuses PACTWATCH_TRUSTED_PROXIES=%s',
    (value) => {
      expect(() => settings({ PACTWATCH_TRUSTED_PROXIES: value })).toThrow(AuthConfigError);
    },
  );
});

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only, never eval in production, and no framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', development: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src[^;]*/);
    expect(csp.match(/script-src[^;]*/)![0]).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy({ nonce: 'abc', development: true, https: true })).toMatch(
      /'unsafe-eval'.*upgrade-insecure-requests/,
    );
  });
});
