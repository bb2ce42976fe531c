import type { Metadata } from 'next';
import Link from 'next/link';
import { Bell } from 'lucide-react';
import { FollowButton } from '@/components/follow/follow-button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, THead, Td, Th, Tr } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { formatDay } from '@/lib/domain/dates';
import { listFollows } from '@/lib/notify/follows';
import { followTarget, unfollowTarget } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Following' };

const TARGET_LABELS = { commitment: 'Commitment', agreement: 'Agreement', party: 'Party' } as const;

export default async function FollowingPage() {
  const user = await requireUser();
  const follows = await listFollows(db, user.id);
  return (
    <>
      <PageHeader
        title="Following"
        description={
          <p>
            You are told (<Link href="/me/notifications">notifications</Link>, e-mail, feed) when these move.
            An agreement covers all its commitments; a party, the commitments it is responsible for.
          </p>
        }
      />
      <Card>
        {follows.length ? (
          <Table caption="What you follow">
            <THead>
              <Tr>
                <Th>What</Th>
                <Th>Name</Th>
                <Th>Since</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {follows.map((row) => (
                <Tr key={`${row.target}:${row.id}`}>
                  <Td>{TARGET_LABELS[row.target]}</Td>
                  <Td>
                    <Link href={row.href} className="link">
                      {row.title}
                    </Link>
                  </Td>
                  <Td>{formatDay(row.since)}</Td>
                  <Td>
                    <FollowButton
                      target={row.target}
                      id={row.id}
                      following
                      follow={followTarget}
                      unfollow={unfollowTarget}
                    />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        ) : (
          <EmptyState
            level={2}
            icon={Bell}
            title="You follow nothing yet"
            description="Use “Follow” on a commitment, an agreement or a party page."
          />
        )}
      </Card>
    </>
  );
}
