// The one look of a button. Every button and button-like link in the app takes its classes from `buttonClasses`:
// `Button` for a plain <button>, `SubmitButton` (components/forms/submit-button.tsx) for a form's submit, and
// `ButtonLink` (components/editors/button-link.tsx) for navigation that looks like a button.
import clsx from 'clsx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';
export type ButtonSize = 'sm' | 'md' | 'icon';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-indigo-600',
  secondary:
    'bg-white text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-slate-500',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-500 focus-visible:outline-red-600',
  quiet: 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-slate-500',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'gap-1.5 px-3 py-1.5',
  md: 'gap-2 px-4 py-2',
  /** A square holding one icon, its name for screen readers only. */
  icon: 'size-9',
};

/** The classes of a button of this variant and size; `className` adds layout (margins, width) only. */
export function buttonClasses({
  variant = 'primary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return clsx(
    'inline-flex items-center justify-center rounded-md text-sm font-semibold',
    'focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-wait disabled:opacity-60',
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

/** A plain button (type="button" unless given): for actions that are not a form's submit. */
export function Button({
  variant,
  size,
  className,
  type = 'button',
  ...props
}: React.ComponentProps<'button'> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClasses({ variant, size, className })} {...props} />;
}
