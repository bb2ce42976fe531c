import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import { listApiTokens } from '@/lib/api/tokens';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { formatDay } from '@/lib/domain/dates';
import { createToken, revokeToken } from './actions';
import { CreateTokenForm, RevokeTokenForm } from './token-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

function stateOf(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (token.revokedAt) return <Badge tone="red">Revoked</Badge>;
  if (token.expiresAt && token.expiresAt <= now) return <Badge tone="amber">Expired</Badge>;
  return <Badge tone="green">Active</Badge>;
}

export default async function ApiTokensPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(user.id, db);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <p>
            Personal tokens for <Link href="/api/docs">the API</Link> (notebooks, scripts, other systems). A
            token acts as you, never with more than your role allows; it is shown once, when it is created.
          </p>
        }
      />
      <Card>
        <CardHeader title="New token" />
        <CardBody>
          <CreateTokenForm action={createToken} canWrite={can(user, 'write')} />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Your tokens" />
        <CardBody>
          {tokens.length ? (
            <Table caption="Your API tokens">
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Token</Th>
                  <Th>Access</Th>
                  <Th>Created</Th>
                  <Th>Expires</Th>
                  <Th>Last used</Th>
                  <Th>State</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </Tr>
              </THead>
              <TBody>
                {tokens.map((token) => (
                  <Tr key={token.id}>
                    <Td>{token.name}</Td>
                    <Td className="font-mono">pw_{token.prefix}_…</Td>
                    <Td>{token.scope === 'write' ? 'Read and write' : 'Read-only'}</Td>
                    <Td>{formatDay(token.createdAt)}</Td>
                    <Td>{token.expiresAt ? formatDay(new Date(token.expiresAt.getTime() - 1)) : 'Never'}</Td>
                    <Td>{token.lastUsedAt ? formatDay(token.lastUsedAt) : 'Never'}</Td>
                    <Td>{stateOf(token, now)}</Td>
                    <Td>
                      {token.revokedAt ? null : (
                        <RevokeTokenForm action={revokeToken} id={token.id} name={token.name} />
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="text-sm text-slate-600">No tokens yet.</p>
          )}
        </CardBody>
      </Card>
    </>
  );
}
