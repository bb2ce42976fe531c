'use client';

import { useFormStatus } from 'react-dom';
import { buttonClasses, type ButtonSize, type ButtonVariant } from '@/components/ui/button';

/** Disabled while its form is submitting, so a double click never submits twice. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  name,
  value,
  size,
  className,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Layout only (margins, width): the look comes from the variant. */
  className?: string;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={buttonClasses({ variant, size, className })}
    >
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </button>
  );
}
