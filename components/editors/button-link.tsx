import clsx from 'clsx';
import Link from 'next/link';

/** A link that looks like a button (Edit, Add commitment): navigation, so a link, not a form. */
export function ButtonLink({
  href,
  children,
  variant = 'secondary',
  icon,
}: {
  href: string;
  children: React.ReactNode;
  variant?: 'primary' | 'secondary';
  icon?: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      className={clsx(
        'inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-semibold shadow-sm',
        variant === 'primary'
          ? 'bg-indigo-600 text-white hover:bg-indigo-500'
          : 'bg-white text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50',
      )}
    >
      {icon}
      {children}
    </Link>
  );
}
