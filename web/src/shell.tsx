// The signed-in app: header (search, live state, bell, assistant, theme), sidebar (views, tags),
// the list with quick add, and the editor and chat panels. Owns the live stream and shortcuts.
import { useQueryClient } from '@tanstack/react-query';
import { lazy, type RefObject, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MeDto } from '#contract/user.ts';
import { flushPendingDeletes } from './actions.ts';
import { messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { FilterBar } from './filters.tsx';
import { HelpDialog } from './help.tsx';
import { browserTimeZone } from './lib/dates.ts';
import { shortcutOf } from './lib/shortcuts.ts';
import { parseFilters, VIEWS, viewOfPath } from './lib/views.ts';
import { type ListControls, TaskList } from './list.tsx';
import { connectLive, liveStatus } from './live.ts';
import { NotificationBell } from './notifications.tsx';
import { showDesktop } from './notify.ts';
import { keys, useMe } from './queries.ts';
import { QuickAdd } from './quick-add.tsx';
import { linkClick, navigate, setSearch, useLocation } from './router.ts';
import { useStore } from './store.ts';
import { TagList } from './tags.tsx';
import { effectiveTheme, themeStore, toggleTheme } from './theme.ts';
import { Toasts, toast } from './toasts.tsx';
import {
  ChatIcon,
  KeyboardIcon,
  MenuIcon,
  MoonIcon,
  SearchIcon,
  SettingsIcon,
  SunIcon,
} from './ui/icons.tsx';

const Editor = lazy(() => import('./editor.tsx'));
const ChatPanel = lazy(() => import('./chat.tsx'));
const Settings = lazy(() => import('./settings.tsx'));

/** On the first sign-in in this browser, an account still on UTC takes the browser's zone. */
function useBrowserTimeZone(me: MeDto) {
  const client = useQueryClient();
  useEffect(() => {
    const browser = browserTimeZone();
    const flag = `taskstream.tz-checked.${me.id}`;
    try {
      if (localStorage.getItem(flag)) return;
      localStorage.setItem(flag, '1');
    } catch {}
    if (me.timeZone !== 'UTC' || browser === 'UTC') return;
    api
      .patchMe({ timeZone: browser })
      .then((updated) => {
        client.setQueryData(keys.me, updated);
        toast(`Your time zone is now ${browser}, from this browser. Change it in Settings.`, {
          action: { label: 'Settings', run: () => navigate('/settings') },
        });
      })
      .catch(() => {});
  }, [me.id, me.timeZone, client]);
}

function useLive() {
  const client = useQueryClient();
  useEffect(
    () =>
      connectLive(client, {
        zone: () => client.getQueryData<MeDto>(keys.me)?.timeZone ?? 'UTC',
        onNotification: (item) => {
          const open = () => item.taskId && setSearch({ task: item.taskId });
          toast(`Reminder: ${item.title} — ${item.body}`, {
            timeoutMs: 10_000,
            ...(item.taskId ? { action: { label: 'Open', run: open } } : {}),
          });
          showDesktop(item, open);
        },
        onRefused: () => void client.invalidateQueries({ queryKey: keys.me }),
      }),
    [client],
  );
}

export function Shell() {
  const me = useMe();
  const client = useQueryClient();
  const { path, search } = useLocation();
  const view = viewOfPath(path);
  const searchKey = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: searchKey is the identity of `search`
  const filters = useMemo(() => parseFilters(search), [searchKey]);
  const openTaskId = search.get('task');
  const [chatOpen, setChatOpen] = useState(() => sessionStorage.getItem('taskstream.chat') === 'open');
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const quickRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listControls = useRef<ListControls | null>(null);

  useBrowserTimeZone(me);
  useLive();

  const showChat = useCallback((open: boolean) => {
    setChatOpen(open);
    try {
      sessionStorage.setItem('taskstream.chat', open ? 'open' : 'closed');
    } catch {}
  }, []);

  async function signOut() {
    try {
      // Deletes still waiting for their Undo toast go out while the session is still valid.
      await flushPendingDeletes();
      await api.signOut();
    } catch (error) {
      toast(`Could not sign out: ${messageOf(error)}`, { kind: 'error' });
      return;
    }
    // `me` becomes null in place (App is subscribed to that query: clearing the cache first would
    // leave it watching a removed query, still showing the shell); then the rest of the account's
    // data goes.
    await client.cancelQueries();
    client.setQueryData(keys.me, null);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    navigate('/signin');
  }

  // Keyboard shortcuts (see lib/shortcuts.ts), ignored while typing in a field.
  const state = useRef({ view, openTaskId, chatOpen, helpOpen, menuOpen });
  state.current = { view, openTaskId, chatOpen, helpOpen, menuOpen };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement;
      const action = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target.tagName ?? '',
        targetEditable: target.isContentEditable,
      });
      if (!action) return;
      const s = state.current;
      // A modal dialog handles its own keys. Asked of the DOM, not of state: Escape closes the
      // native <dialog> at once, a render before React's state says so.
      if (target.closest?.('dialog[open]')) return;
      switch (action) {
        case 'quick-add':
          if (!s.view) navigate('/');
          event.preventDefault();
          setTimeout(() => quickRef.current?.focus());
          break;
        case 'search':
          event.preventDefault();
          searchRef.current?.focus();
          break;
        case 'help':
          event.preventDefault();
          setHelpOpen(true);
          break;
        case 'close':
          if (target.closest('.popover')) return;
          if (s.openTaskId) setSearch({ task: null });
          else if (s.chatOpen) showChat(false);
          else if (s.menuOpen) setMenuOpen(false);
          else if (target instanceof HTMLInputElement) target.blur();
          break;
        case 'next':
        case 'previous':
          event.preventDefault();
          listControls.current?.move(action === 'next' ? 1 : -1);
          break;
        case 'complete':
          listControls.current?.completeSelected();
          break;
        case 'edit':
          listControls.current?.editSelected();
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [showChat]);

  const currentView = VIEWS.find((v) => v.id === view);
  useEffect(() => {
    document.title = `${currentView?.label ?? (path === '/settings' ? 'Settings' : 'Not found')} · Taskstream`;
  }, [currentView, path]);

  return (
    <div className={`app${openTaskId ? ' with-editor' : ''}${chatOpen ? ' with-chat' : ''}`}>
      <a href="#main" className="skip-link">
        Skip to tasks
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-button"
          aria-label="Menu"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <MenuIcon />
        </button>
        <a className="brand" href="/" onClick={linkClick('/')}>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Taskstream</span>
        </a>
        <SearchBox inputRef={searchRef} onSettings={!view} />
        <LiveIndicator />
        <NotificationBell />
        <button
          type="button"
          className="icon-button"
          aria-label="Assistant"
          aria-pressed={chatOpen}
          onClick={() => showChat(!chatOpen)}
        >
          <ChatIcon />
        </button>
        <ThemeToggle className="hide-phone" />
        <button
          type="button"
          className="icon-button hide-phone"
          aria-label="Keyboard shortcuts"
          onClick={() => setHelpOpen(true)}
        >
          <KeyboardIcon />
        </button>
        <a
          className="icon-button hide-phone"
          href="/settings"
          aria-label="Settings"
          onClick={linkClick('/settings')}
        >
          <SettingsIcon />
        </a>
      </header>
      <div className="layout">
        <nav id="sidebar" className={`sidebar${menuOpen ? ' open' : ''}`} aria-label="Views">
          <ul className="view-list">
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a
                  href={v.path}
                  aria-current={v.id === view ? 'page' : undefined}
                  onClick={(e) => {
                    linkClick(v.path)(e);
                    setMenuOpen(false);
                  }}
                >
                  {v.label}
                </a>
              </li>
            ))}
          </ul>
          <h2 className="sidebar-heading">Tags</h2>
          <TagList onNavigate={() => setMenuOpen(false)} />
          <div className="sidebar-foot">
            <p className="small">
              <strong>{me.name}</strong>
              <br />
              <span className="muted">{me.timeZone}</span>
            </p>
            <div className="sidebar-actions">
              <ThemeToggle className="show-phone" />
              <a
                className="icon-button show-phone"
                href="/settings"
                aria-label="Settings"
                onClick={(e) => {
                  linkClick('/settings')(e);
                  setMenuOpen(false);
                }}
              >
                <SettingsIcon />
              </a>
              <button type="button" className="button subtle small" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </div>
        </nav>
        {menuOpen && <div className="scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
        <main id="main" tabIndex={-1}>
          {view ? (
            <>
              <h1 className="view-title">{currentView?.label}</h1>
              <QuickAdd inputRef={quickRef} />
              <FilterBar view={view} filters={filters} />
              <TaskList view={view} filters={filters} controls={listControls} openTaskId={openTaskId} />
            </>
          ) : path === '/settings' ? (
            <Suspense fallback={<p className="muted">Loading settings…</p>}>
              <Settings onSignOut={() => void signOut()} />
            </Suspense>
          ) : (
            <div className="state-box">
              <h1>Nothing here</h1>
              <p>
                There is no page at {path}.{' '}
                <a href="/" onClick={linkClick('/')}>
                  Go to your tasks
                </a>
              </p>
            </div>
          )}
        </main>
        {openTaskId && (
          <Suspense fallback={<aside className="panel editor-panel" aria-busy="true" />}>
            <Editor key={openTaskId} id={openTaskId} onClose={() => setSearch({ task: null })} />
          </Suspense>
        )}
        {chatOpen && (
          <Suspense fallback={<aside className="panel chat-panel" aria-busy="true" />}>
            <ChatPanel onClose={() => showChat(false)} />
          </Suspense>
        )}
      </div>
      <Toasts />
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

function SearchBox({
  inputRef,
  onSettings,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onSettings: boolean;
}) {
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [value, setValue] = useState(q);
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setValue(q);
  }, [q, inputRef]);
  useEffect(() => {
    if (value === q) return;
    const timer = setTimeout(() => {
      if (onSettings) navigate(value ? `/?q=${encodeURIComponent(value)}` : '/');
      else setSearch({ q: value || null }, { replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [value, q, onSettings]);
  return (
    <search className="search">
      <label htmlFor="search" className="sr-only">
        Search tasks
      </label>
      <SearchIcon size={16} />
      <input
        id="search"
        className="search-input"
        ref={inputRef}
        type="search"
        placeholder="Search"
        value={value}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            if (value) setValue('');
            else e.currentTarget.blur();
          }
        }}
      />
      <kbd className="search-key hide-phone" title="Press / to search">
        /
      </kbd>
    </search>
  );
}

function LiveIndicator() {
  const status = useStore(liveStatus);
  return (
    <span className={`live live-${status}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      <span className={status === 'reconnecting' ? 'live-text' : 'sr-only'}>
        {status === 'live' ? 'Live' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
      </span>
    </span>
  );
}

function ThemeToggle({ className = '' }: { className?: string }) {
  const choice = useStore(themeStore);
  const dark = effectiveTheme(choice) === 'dark';
  return (
    <button
      type="button"
      className={`icon-button ${className}`}
      aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}
      onClick={toggleTheme}
    >
      {dark ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
