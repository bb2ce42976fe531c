import Link from 'next/link';
import { LogFollowUpForm } from '@/components/follow-ups/log-follow-up-form';
import { Card, CardBody, CardHeader } from '@/components/ui/card';

type FormProps = React.ComponentProps<typeof LogFollowUpForm>;

/** The commitment page's own "Log follow-up" form, preset to the commitment; the action comes from the route. */
export function LogFollowUpCard({
  action,
  commitmentId,
  pathname,
  commitments,
  hasOutlets,
}: {
  action: FormProps['action'];
  commitmentId: number;
  pathname: string;
  /** The commitment itself (when it can be followed up); the rows' pickers search the others. */
  commitments: FormProps['commitments'];
  hasOutlets: boolean;
}) {
  return (
    <Card id="log-follow-up" aria-labelledby="log-heading" className="mb-6 scroll-mt-6">
      <CardHeader
        id="log-heading"
        title="Log follow-up"
        description={
          <>
            One news item and what it shows about this commitment and any others. To add a commitment the item
            announces,{' '}
            <Link
              href={`/follow-ups/new?${new URLSearchParams({ commitment: String(commitmentId), from: pathname })}`}
              className="link"
            >
              use the full form
            </Link>
            .
          </>
        }
      />
      <CardBody className="sm:p-6">
        <LogFollowUpForm
          action={action}
          commitments={commitments}
          outlets={[]}
          hasOutlets={hasOutlets}
          presetCommitmentId={commitmentId}
          returnTo={pathname}
          headingLevel={3}
        />
      </CardBody>
    </Card>
  );
}
