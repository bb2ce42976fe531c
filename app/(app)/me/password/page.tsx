import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { changePassword } from '../actions';
import { getCurrentSessionId } from '../current-session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change password' };

export default async function ChangePasswordPage() {
  const user = await requireUser();
  // requireUser found a session a moment ago; if it ended since, the form would change nothing anyway.
  const sessionId = (await getCurrentSessionId()) ?? '';
  return (
    <>
      <PageHeader
        title="Change password"
        description={
          <p>
            For {user.email}. Changing it signs you out everywhere else (other browsers, other devices); you
            stay signed in here.
          </p>
        }
      />
      <Card>
        <CardBody>
          <ChangePasswordForm action={changePassword} sessionId={sessionId} />
        </CardBody>
      </Card>
    </>
  );
}
