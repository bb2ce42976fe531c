import clsx from 'clsx';

export type DescriptionItem = { term: string; value: React.ReactNode };

/** Label/value pairs in a responsive grid: one column on a phone, `columns` from `sm` up. */
export function DescriptionList({
  items,
  columns = 2,
  className,
}: {
  items: DescriptionItem[];
  columns?: 2 | 3;
  className?: string;
}) {
  return (
    <dl
      className={clsx(
        'grid grid-cols-1 gap-x-6 gap-y-4',
        columns === 3 ? 'sm:grid-cols-2 lg:grid-cols-3' : 'sm:grid-cols-2',
        className,
      )}
    >
      {items.map((item) => (
        <div key={item.term} className="min-w-0">
          <dt className="dl-term">{item.term}</dt>
          <dd className="dl-value">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
