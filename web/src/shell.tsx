// The signed-in app: header (search, live state, bell, assistant, theme), sidebar (views, tags),
// the list with quick add, and the editor and chat panels. Owns the live stream and shortcuts.
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushPendingDeletes } from './actions.ts';
import { messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { FilterBar } from './filters.tsx';
import { HelpDialog } from './help.tsx';
import { shortcutOf } from './lib/shortcuts.ts';
import { parseFilters, VIEWS, viewOfPath } from './lib/views.ts';
import { type ListControls, TaskList } from './list.tsx';
import { NotificationBell } from './notifications.tsx';
import { keys, useMe } from './queries.ts';
import { QuickAdd } from './quick-add.tsx';
import { linkClick, navigate, setSearch, useLocation } from './router.ts';
import { LiveIndicator, SearchBox, ThemeToggle } from './shell/header-controls.tsx';
import { useBrowserTimeZone, useLive } from './shell/session-effects.ts';
import { TagList } from './tags.tsx';
import { Toasts, toast } from './toasts.tsx';
import { ChatIcon, KeyboardIcon, MenuIcon, SettingsIcon } from './ui/icons.tsx';

const Editor = lazy(() => import('./editor.tsx'));
const ChatPanel = lazy(() => import('./chat.tsx'));
const Settings = lazy(() => import('./settings.tsx'));

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
