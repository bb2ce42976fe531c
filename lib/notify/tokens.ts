// The two secrets a person can use without signing in (docs/decisions/017-notifications-and-review.md):
// - an unsubscribe link: the user id and an HMAC-SHA256 of it, under BETTER_AUTH_SECRET, for one purpose. Nothing
//   is stored; it works until the secret changes, and says nothing but "stop e-mailing this user".
// - a feed address: a random token shown to its owner; only its SHA-256 is stored (User.feedTokenHash), so a
//   leaked database does not leak feeds, and revoking clears it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authSecret } from '../auth/config.ts';

const UNSUBSCRIBE = 'pactwatch:unsubscribe:v1';

function mac(userId: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${UNSUBSCRIBE}\n${userId}`, 'utf8').digest();
}

export function unsubscribeToken(userId: string, secret = authSecret()): string {
  return `${Buffer.from(userId, 'utf8').toString('base64url')}.${mac(userId, secret).toString('base64url')}`;
}

/** The user an unsubscribe token names, or null when it is malformed or its signature does not hold. */
export function verifyUnsubscribeToken(token: string, secret = authSecret()): string | null {
  const match = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const userId = Buffer.from(match[1], 'base64url').toString('utf8');
  if (!userId || Buffer.from(userId, 'utf8').toString('base64url') !== match[1]) return null;
  const given = Buffer.from(match[2], 'base64url');
  const expected = mac(userId, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/** A new feed token: 256 random bits, URL-safe. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What User.feedTokenHash stores. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a feed token at all (before any lookup). */
export function isFeedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
