// The follow button of a commitment, agreement or party page, with this user's state and the two actions.
// (Here, beside the actions, so components/ never imports from app/.)
import { FollowButton } from '@/components/follow/follow-button';
import { getCurrentUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { isFollowing } from '@/lib/notify/follows';
import type { FollowTarget } from '@/lib/notify/schemas';
import { followTarget, unfollowTarget } from './actions';

export async function FollowControl({ target, id }: { target: FollowTarget; id: number }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const following = await isFollowing(db, user.id, target, id);
  return (
    <FollowButton
      target={target}
      id={id}
      following={following}
      follow={followTarget}
      unfollow={unfollowTarget}
    />
  );
}
