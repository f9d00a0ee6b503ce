// Settings: name, time zone (the browser's is offered), theme, browser notifications, sign out.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { MeDto } from '#contract/user.ts';
import { fieldErrors, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { browserTimeZone } from './lib/dates.ts';
import { desktopState, disableDesktop, enableDesktop } from './notify.ts';
import { keys, useMe } from './queries.ts';
import { useStore } from './store.ts';
import { setTheme, type ThemeChoice, themeStore } from './theme.ts';
import { toast } from './toasts.tsx';

function zones(current: string): string[] {
  let list: string[] = [];
  try {
    list = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {}
  return [...new Set([current, browserTimeZone(), 'UTC', ...list])].sort();
}

export default function Settings({ onSignOut }: { onSignOut: () => void }) {
  const me = useMe();
  const client = useQueryClient();
  const [name, setName] = useState(me.name);
  const [zone, setZone] = useState(me.timeZone);
  const theme = useStore(themeStore);
  const desktop = useStore(desktopState);
  const browser = browserTimeZone();
  const save = useMutation({
    mutationFn: (body: { name?: string; timeZone?: string }) => api.patchMe(body),
    onSuccess: (updated) => {
      client.setQueryData<MeDto>(keys.me, updated);
      // Today / Upcoming are computed in this zone.
      void client.invalidateQueries({ queryKey: keys.allTasks });
      toast('Settings saved');
    },
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: { name?: string; timeZone?: string } = {};
    if (name.trim() !== me.name) body.name = name.trim();
    if (zone !== me.timeZone) body.timeZone = zone;
    if (Object.keys(body).length) save.mutate(body);
  };

  return (
    <div className="settings">
      <h1 className="view-title">Settings</h1>
      <form className="card" onSubmit={submit} aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <p className="muted">{me.email}</p>
        <div className="field">
          <label htmlFor="settings-name">Name</label>
          <input id="settings-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          {errors.name && <p className="field-error">{errors.name}</p>}
        </div>
        <div className="field">
          <label htmlFor="settings-zone">Time zone</label>
          <select id="settings-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
            {zones(me.timeZone).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <p className="hint">
            New tasks, “today” and reminders use it.
            {browser !== zone && (
              <>
                {' '}
                This browser is in {browser}.{' '}
                <button type="button" className="link-button" onClick={() => setZone(browser)}>
                  Use {browser}
                </button>
              </>
            )}
          </p>
          {errors.timeZone && <p className="field-error">{errors.timeZone}</p>}
        </div>
        {save.isError && Object.keys(errors).length === 0 && (
          <p className="form-error" role="alert">
            Not saved: {messageOf(save.error)}
          </p>
        )}
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </form>

      <section className="card" aria-labelledby="look-title">
        <h2 id="look-title">Appearance</h2>
        <fieldset className="radio-row">
          <legend className="radio-legend">Theme</legend>
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((choice) => (
            <label key={choice} className="inline-field checkbox">
              <input type="radio" name="theme" checked={theme === choice} onChange={() => setTheme(choice)} />
              <span>{choice === 'system' ? 'Like the system' : choice === 'light' ? 'Light' : 'Dark'}</span>
            </label>
          ))}
        </fieldset>
      </section>

      <section className="card" aria-labelledby="notify-title">
        <h2 id="notify-title">Browser notifications</h2>
        <p className="muted">
          When a reminder fires while Taskstream is open in a tab, the browser can show it too.
        </p>
        {desktop === 'unsupported' && <p>This browser has no notifications.</p>}
        {desktop === 'denied' && <p>Blocked for this site; allow them in the browser’s site settings.</p>}
        {(desktop === 'default' || desktop === 'off') && (
          <button type="button" className="button" onClick={() => void enableDesktop()}>
            Turn on browser notifications
          </button>
        )}
        {desktop === 'on' && (
          <button type="button" className="button" onClick={disableDesktop}>
            Turn off browser notifications
          </button>
        )}
      </section>

      <section className="card" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <button type="button" className="button danger" onClick={onSignOut}>
          Sign out
        </button>
      </section>
    </div>
  );
}
