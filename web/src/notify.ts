// Browser notifications (the Notification API) for reminders that fire while a tab is open.
// Asked for only when the person presses the button; they can be turned off again here.
import type { NotificationItem } from '#contract/notification.ts';
import { createStore } from './store.ts';

const KEY = 'taskstream.desktop-notifications';
export type DesktopState = 'unsupported' | 'default' | 'denied' | 'on' | 'off';

/** The person's choice ('on' / 'off', null before they made one); in memory when storage is blocked. */
let memoryChoice: string | null = null;
function stored(): string | null {
  try {
    return localStorage.getItem(KEY) ?? memoryChoice;
  } catch {
    return memoryChoice;
  }
}
function saveChoice(choice: 'on' | 'off'): void {
  memoryChoice = choice;
  try {
    localStorage.setItem(KEY, choice);
  } catch {}
}

/**
 * The browser's permission alone does not turn them on: the site may hold it from before (or from
 * another app on the same origin), and this app shows nothing until the person chose it here.
 */
function read(): DesktopState {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const choice = stored();
  if (Notification.permission === 'default' || choice === null) return 'default';
  return choice === 'off' ? 'off' : 'on';
}

export const desktopState = createStore<DesktopState>(read());

export async function enableDesktop(): Promise<DesktopState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission =
    Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'granted') saveChoice('on');
  desktopState.set(read());
  return desktopState.get();
}

export function disableDesktop(): void {
  saveChoice('off');
  desktopState.set(read());
}

/** Shows one notification; `tag` keeps several open tabs from showing it twice. */
export function showDesktop(item: NotificationItem, onClick: () => void): void {
  if (read() !== 'on') return;
  try {
    const note = new Notification(item.title, { body: item.body, tag: item.id });
    note.onclick = () => {
      window.focus();
      onClick();
      note.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the in-app toast still shows.
  }
}
