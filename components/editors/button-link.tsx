import Link from 'next/link';
import { buttonClasses, type ButtonVariant } from '@/components/ui/button';

/** A link that looks like a button (Edit, Add commitment): navigation, so a link, not a form. */
export function ButtonLink({
  href,
  children,
  variant = 'secondary',
  icon,
}: {
  href: string;
  children: React.ReactNode;
  variant?: ButtonVariant;
  icon?: React.ReactNode;
}) {
  return (
    <Link href={href} className={buttonClasses({ variant, size: 'md' })}>
      {icon}
      {children}
    </Link>
  );
}
