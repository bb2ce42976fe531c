// The one look of a button. Every button and button-like link in the app takes its classes from `buttonClasses`:
// `Button` for a plain <button>, `SubmitButton` (components/forms/submit-button.tsx) for a form's submit, and
// `ButtonLink` (components/editors/button-link.tsx) for navigation that looks like a button.
import clsx from 'clsx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';
export type ButtonSize = 'sm' | 'md' | 'icon';

// Each variant and size is a class named once in app/styles/ui.css (btn-primary, btn-sm, ...): a button's
// classes are in the page twice (HTML and the RSC payload), and spelled out they were 200 bytes a button.
const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'btn-primary',
  secondary: 'btn-secondary',
  danger: 'btn-danger',
  quiet: 'btn-quiet',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'btn-sm',
  md: 'btn-md',
  /** A square holding one icon, its name for screen readers only. */
  icon: 'btn-icon',
};

/** The classes of a button of this variant and size; `className` adds layout (margins, width) only. */
export function buttonClasses({
  variant = 'primary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return clsx('btn', VARIANTS[variant], SIZES[size], className);
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
