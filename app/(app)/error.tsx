'use client';
// Any error a page of the app throws: "Database unavailable" when the database is the cause (then it retries by
// itself once the database answers again), a generic message with the error's digest otherwise. Errors of the
// (app) layout itself reach app/global-error.tsx.
import { ErrorScreen } from '@/components/errors/error-screen';
import { Card } from '@/components/ui/card';

export default function AppError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <Card>
      <ErrorScreen error={error} retry={retry} />
    </Card>
  );
}
