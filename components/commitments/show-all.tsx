import Link from 'next/link';

/** The foot of a shortened list: how much is shown, and a link to the page with every list in full. */
export function ShowAll({
  href,
  shown,
  total,
  noun,
}: {
  href: string;
  shown: number;
  total: number;
  noun: string;
}) {
  return (
    <p className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 text-xs text-slate-500 sm:px-5">
      <span>
        The newest {shown} of {total} {noun}.
      </span>
      <Link href={href} className="font-medium text-indigo-700 hover:text-indigo-900 hover:underline">
        Show all {total}
      </Link>
    </p>
  );
}
