// Sign in / create an account. The browser's time zone goes with a new account.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { browserTimeZone } from './lib/dates.ts';
import { keys } from './queries.ts';
import { linkClick, navigate, useLocation } from './router.ts';

export function AuthScreen() {
  const { path } = useLocation();
  const signUp = path === '/signup';
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      if (signUp)
        await api.signUp({
          name: String(form.get('name') ?? '').trim(),
          email,
          password,
          timeZone: browserTimeZone(),
        });
      else await api.signIn({ email, password });
      if (path === '/signin' || path === '/signup') navigate('/', { replace: true });
      await client.invalidateQueries({ queryKey: keys.me });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <div className="auth-card">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Taskstream
        </h1>
        <p className="muted">Tasks, reminders and repeats — live in every tab.</p>
        <nav className="auth-tabs" aria-label="Account">
          <a href="/signin" aria-current={signUp ? undefined : 'page'} onClick={linkClick('/signin')}>
            Sign in
          </a>
          <a href="/signup" aria-current={signUp ? 'page' : undefined} onClick={linkClick('/signup')}>
            Create account
          </a>
        </nav>
        <form onSubmit={submit} noValidate={false} aria-label={signUp ? 'Create account' : 'Sign in'}>
          {signUp && <Field label="Name" name="name" autoComplete="name" error={errors.name} required />}
          <Field
            label="E-mail"
            name="email"
            type="email"
            autoComplete="email"
            error={errors.email}
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete={signUp ? 'new-password' : 'current-password'}
            minLength={signUp ? 8 : undefined}
            hint={signUp ? 'At least 8 characters.' : undefined}
            error={errors.password}
            required
          />
          {error !== null && Object.keys(errors).length === 0 && (
            <p className="form-error" role="alert">
              {messageOf(error)}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? 'One moment…' : signUp ? 'Create account' : 'Sign in'}
          </button>
        </form>
        {signUp && (
          <p className="muted small">
            Your time zone: {browserTimeZone()} (from this browser; change it in Settings).
          </p>
        )}
      </div>
    </main>
  );
}

function Field(props: {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  minLength?: number | undefined;
}) {
  const id = `auth-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required={props.required}
        minLength={props.minLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
