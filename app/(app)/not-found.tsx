import Link from 'next/link';
import { SearchX } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

// Rendered inside the app shell when a page calls notFound(), e.g. for an agreement id that does not exist.
export default function NotFound() {
  return (
    <Card>
      <EmptyState
        icon={SearchX}
        level={1}
        title="Not found"
        description="There is no record at this address. It may have been mistyped, or the link may be out of date."
        action={
          <div className="flex flex-wrap justify-center gap-4 text-sm">
            <Link href="/" className="link">
              Go to the overview
            </Link>
            <Link href="/agreements" className="link">
              Browse agreements
            </Link>
          </div>
        }
      />
    </Card>
  );
}
