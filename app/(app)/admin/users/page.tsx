import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { RowHeader, TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/session';
import { listUsers } from '@/lib/data/users';
import { CreateUserForm } from './create-user-form';
import { ResetPasswordForm } from './reset-password-form';
import { RoleForm, StatusForm } from './user-controls';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export default async function UsersPage() {
  const me = await requirePermission('manage_users');
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Viewers read and export. Analysts also log follow-ups and edit. Admins also manage users and categories. Deactivating a user or resetting their password signs them out everywhere at once; there is always at least one active admin."
      />
      <div className="space-y-6">
        <Card aria-labelledby="users-heading">
          <CardHeader
            id="users-heading"
            title="Everyone with access"
            description={`${users.length} in total`}
          />
          <Table caption="Users, their roles and status">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>E-mail</Th>
                <Th>Role</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {users.map((user) => {
                const active = !user.deactivatedAt;
                const target = { id: user.id, name: user.name, role: user.role, active };
                return (
                  <Tr key={user.id} data-testid={`user-${user.email}`}>
                    <RowHeader>
                      <span className="font-medium text-slate-900">{user.name}</span>
                      {user.id === me.id ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                      <span className="block text-xs text-slate-500">
                        Added {dateFormat.format(user.createdAt)}
                      </span>
                    </RowHeader>
                    <Td className="[overflow-wrap:anywhere]">{user.email}</Td>
                    <Td>
                      <RoleForm user={target} />
                    </Td>
                    <Td>
                      {active ? (
                        <Badge tone="green">Active</Badge>
                      ) : (
                        <Badge tone="slate">Deactivated {dateFormat.format(user.deactivatedAt!)}</Badge>
                      )}
                    </Td>
                    <Td>
                      <div className="space-y-2">
                        <StatusForm user={target} />
                        {/* One's own password is changed with the current one, on /me/password. */}
                        {user.id === me.id ? (
                          <Link
                            href="/me/password"
                            className="block text-sm font-medium text-indigo-700 hover:underline"
                          >
                            Change password
                          </Link>
                        ) : (
                          <ResetPasswordForm user={target} />
                        )}
                      </div>
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        </Card>
        <Card aria-labelledby="create-user-heading">
          <CardHeader
            id="create-user-heading"
            title="Add a user"
            description="They sign in with this e-mail and password. Share a generated password privately."
          />
          <CardBody>
            <CreateUserForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
