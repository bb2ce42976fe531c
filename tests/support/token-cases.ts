// The rows of tests/action-cases.ts for /me/tokens: a user creates and revokes their own API tokens (any active
// role; a viewer's token is capped to read-only by lib/api/tokens.ts, which tests/api-tokens.test.ts checks).
import { createApiToken } from '../../lib/api/tokens.ts';
import type { ActionCase } from '../action-cases.ts';
import { unique } from './db.ts';
import { createTestUser } from './users.ts';

const ACTIONS = 'app/(app)/me/tokens/actions.ts';

export const tokenActionCases: ActionCase[] = [
  {
    action: `${ACTIONS}#createToken`,
    permission: 'read',
    arrange: async () => ({ name: unique('Notebook'), access: 'write', expiresOn: '' }),
    observe: ({ prisma }, fields) => prisma.apiToken.count({ where: { name: String(fields.name) } }),
  },
  {
    action: `${ACTIONS}#revokeToken`,
    permission: 'read',
    arrange: async ({ prisma, actor }) => {
      // Anonymous callers revoke nothing: the token then belongs to somebody else.
      const owner = actor ?? (await createTestUser(prisma, 'analyst'));
      const { record } = await createApiToken(
        { name: unique('Old script'), scope: 'read', expiresAt: null },
        owner.id,
        prisma,
      );
      return { id: record.id };
    },
    observe: ({ prisma }, fields) =>
      prisma.apiToken.findUnique({ where: { id: String(fields.id) }, select: { revokedAt: true } }),
  },
];
