// Keyboard shortcuts of the list: which key does what, and when a key belongs to a text field.
export type Shortcut = 'quick-add' | 'search' | 'next' | 'previous' | 'complete' | 'edit' | 'help' | 'close';

export const SHORTCUTS: { keys: string; action: Shortcut; label: string }[] = [
  { keys: 'q', action: 'quick-add', label: 'Quick add' },
  { keys: '/', action: 'search', label: 'Search' },
  { keys: 'j', action: 'next', label: 'Next task' },
  { keys: 'k', action: 'previous', label: 'Previous task' },
  { keys: 'x', action: 'complete', label: 'Complete or reopen the selected task' },
  { keys: 'e', action: 'edit', label: 'Edit the selected task' },
  { keys: '?', action: 'help', label: 'Show shortcuts' },
  { keys: 'Esc', action: 'close', label: 'Close a panel or dialog' },
];

const KEYS: Record<string, Shortcut> = {
  q: 'quick-add',
  '/': 'search',
  j: 'next',
  k: 'previous',
  x: 'complete',
  e: 'edit',
  '?': 'help',
  Escape: 'close',
};

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** tagName of the focused element, and whether it is editable. */
  targetTag: string;
  targetEditable: boolean;
}

/** The shortcut a key press means, or null (typing in a field, or a key with Ctrl/Cmd/Alt). */
export function shortcutOf(event: KeyLike): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const typing =
    event.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.targetTag.toUpperCase());
  if (typing) return event.key === 'Escape' ? 'close' : null;
  const action = KEYS[event.key];
  return action ?? null;
}
