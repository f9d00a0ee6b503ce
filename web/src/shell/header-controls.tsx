// The header's controls: search as you type, the live stream's state, the theme toggle.
import { type RefObject, useEffect, useState } from 'react';
import { liveStatus } from '../live.ts';
import { navigate, setSearch, useLocation } from '../router.ts';
import { useStore } from '../store.ts';
import { effectiveTheme, themeStore, toggleTheme } from '../theme.ts';
import { MoonIcon, SearchIcon, SunIcon } from '../ui/icons.tsx';

export function SearchBox({
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

export function LiveIndicator() {
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

export function ThemeToggle({ className = '' }: { className?: string }) {
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
