// Light, dark, or the system's choice (prefers-color-scheme); remembered in this browser.
import { createStore } from './store.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'taskstream.theme';

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const themeStore = createStore<ThemeChoice>(stored());
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export function effectiveTheme(choice: ThemeChoice = themeStore.get()): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return media?.matches ? 'dark' : 'light';
}

function apply() {
  const choice = themeStore.get();
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  root.style.colorScheme = effectiveTheme(choice);
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {}
  themeStore.set(choice);
  apply();
}

/** The header's toggle: to the opposite of what is showing. */
export function toggleTheme(): void {
  setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark');
}

export function initTheme(): void {
  apply();
  media?.addEventListener('change', apply);
}
