// Security headers. The CSP is per request (a fresh nonce), so proxy.ts sets it; the fixed headers are set for
// every response by next.config.ts and, for the responses proxy.ts makes itself, by the proxy.
// Decision (docs/decisions/004-content-security-policy.md): scripts need a nonce ('strict-dynamic' lets Next's
// own chunks load), no 'unsafe-inline' and no 'unsafe-eval' for scripts in production. Styles keep 'unsafe-inline':
// React and the chart library set style attributes, which nonces cannot cover.

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(options: {
  nonce: string;
  development: boolean;
  https: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    // 'unsafe-eval' only under `next dev`: React rebuilds server error stacks with eval there, never in production.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on http://localhost it would send the browser to an https:// that is not there.
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers for every response, CSP aside. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()',
  // For browsers that predate CSP's frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** HSTS only when the public URL is https: sent over http it is ignored, and on localhost it would do harm. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';
