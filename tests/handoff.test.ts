// The proxy's handed-on session check (lib/auth/handoff.ts): accepted only signed with the server's key, for the
// request it was made for, before it expires, naming a real role; everything else is no answer (the page then
// asks Better Auth itself). That the proxy drops a client's copy of the header is e2e/auth.spec.ts's.
import { describe, expect, it } from 'vitest';
import { signHandoff, verifyHandoff } from '../lib/auth/handoff.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
const USER = { id: 'u1', name: 'Ayesha Khan', email: 'ayesha@example.org', role: 'analyst' as const };
const NOW = Date.parse('2026-12-03T08:00:00Z');

describe('handoff', () => {
  it('is accepted for its own request, before it expires', () => {
    const value = signHandoff(USER, 'req-1', SECRET, NOW);
    expect(verifyHandoff(value, 'req-1', SECRET, NOW + 1_000)).toEqual(USER);
  });

  it('is refused for another request, after expiry, with another key, or altered', () => {
    const value = signHandoff(USER, 'req-1', SECRET, NOW);
    expect(verifyHandoff(value, 'req-2', SECRET, NOW)).toBeNull();
    expect(verifyHandoff(value, 'req-1', SECRET, NOW + 60_000)).toBeNull();
    expect(verifyHandoff(value, 'req-1', `${SECRET}x`, NOW)).toBeNull();
    const [payload, mac] = value.split('.');
    const admin = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('"analyst"', '"admin"'),
    ).toString('base64url');
    expect(verifyHandoff(`${admin}.${mac}`, 'req-1', SECRET, NOW)).toBeNull();
    expect(verifyHandoff(`${payload}.${mac.slice(0, -2)}`, 'req-1', SECRET, NOW)).toBeNull();
    expect(verifyHandoff(payload, 'req-1', SECRET, NOW)).toBeNull();
    expect(verifyHandoff(null, 'req-1', SECRET, NOW)).toBeNull();
    expect(verifyHandoff(value, null, SECRET, NOW)).toBeNull();
    expect(verifyHandoff('x'.repeat(5_000), 'req-1', SECRET, NOW)).toBeNull();
  });

  it('is refused when signed for a role that does not exist', () => {
    const value = signHandoff({ ...USER, role: 'owner' as never }, 'req-1', SECRET, NOW);
    expect(verifyHandoff(value, 'req-1', SECRET, NOW)).toBeNull();
  });
});
