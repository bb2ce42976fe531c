// Where a notification points: the commitment's page, at the update that caused it when there is one.
export function notificationPath(event: { commitmentId: number; statusUpdateId: number | null }): string {
  const anchor = event.statusUpdateId ? `#update-${event.statusUpdateId}` : '';
  return `/commitments/${event.commitmentId}${anchor}`;
}
