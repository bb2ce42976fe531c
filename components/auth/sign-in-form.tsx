'use client';

import { useRef, useState } from 'react';
import { TextField } from '@/components/forms/field';
import { Button } from '@/components/ui/button';

type Errors = { email?: string; password?: string; form?: string };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function validate(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!email) errors.email = 'Enter your e-mail address.';
  else if (!EMAIL.test(email)) errors.email = 'Enter a valid e-mail address.';
  if (!password) errors.password = 'Enter your password.';
  return errors;
}

async function messageFor(response: Response): Promise<Errors> {
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  switch (response.status) {
    // A deactivated account gets this answer too, password right or wrong: the server does not say which.
    case 401:
      return { form: 'That e-mail and password do not match an active account.' };
    // The origin check (a page on another site posting here), never the account.
    case 403:
      return { form: 'Sign-in was refused. Reload the page and try again.' };
    case 429: {
      const seconds = Number(response.headers.get('X-Retry-After'));
      const wait =
        Number.isFinite(seconds) && seconds > 0 ? `${Math.ceil(seconds)} seconds` : 'a little while';
      return { form: `Too many sign-in attempts. Wait ${wait}, then try again.` };
    }
    case 400:
      if (body?.code === 'INVALID_EMAIL') return { email: 'Enter a valid e-mail address.' };
      if (body?.code === 'PASSWORD_TOO_LONG') return { password: 'That password is too long.' };
      return { form: body?.message ?? 'Sign-in was refused.' };
    default:
      return { form: `Sign-in failed (error ${response.status}). Try again in a moment.` };
  }
}

/**
 * Posts to Better Auth's /api/auth/sign-in/email from the browser: that HTTP route is where its per-IP rate
 * limit applies (server-side `auth.api` calls skip it). On success the session cookie is set by the response;
 * a full page load to `next` lets every server component see it.
 */
export function SignInForm({ next }: { next: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const found = validate(email, password);
    setErrors(found);
    if (found.email || found.password) {
      form.querySelector<HTMLInputElement>(`[name="${found.email ? 'email' : 'password'}"]`)?.focus();
      return;
    }
    setPending(true);
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ email, password, rememberMe: true }),
      });
      if (response.ok) {
        window.location.assign(next);
        return; // stay pending while the browser navigates
      }
      const failure = await messageFor(response);
      setErrors(failure);
      if (failure.form) requestAnimationFrame(() => alertRef.current?.focus());
    } catch {
      setErrors({ form: 'Cannot reach Pactwatch. Check your connection and try again.' });
    }
    setPending(false);
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      aria-describedby={errors.form ? 'sign-in-error' : undefined}
    >
      {errors.form ? (
        <p
          id="sign-in-error"
          ref={alertRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 focus:outline-none"
        >
          {errors.form}
        </p>
      ) : null}
      <TextField label="E-mail" name="email" type="email" required autoFocus error={errors.email} />
      <TextField label="Password" name="password" type="password" required error={errors.password} />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
