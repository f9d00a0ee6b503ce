// Short messages at the bottom of the screen, with at most one action (Undo, Open, Retry). Read out
// by screen readers (a polite live region); errors stay until dismissed.
import { useEffect } from 'react';
import { createStore, useStore } from './store.ts';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** Milliseconds before it goes away by itself; 0 keeps it. */
  timeoutMs: number;
  onExpire?: () => void;
}

const store = createStore<Toast[]>([]);
let nextId = 1;

export function toast(
  text: string,
  options: { kind?: Toast['kind']; action?: Toast['action']; timeoutMs?: number; onExpire?: () => void } = {},
): number {
  const id = nextId++;
  const kind = options.kind ?? 'info';
  const item: Toast = {
    id,
    text,
    kind,
    timeoutMs: options.timeoutMs ?? (kind === 'error' ? 10_000 : 5000),
    ...(options.action ? { action: options.action } : {}),
    ...(options.onExpire ? { onExpire: options.onExpire } : {}),
  };
  store.set((list) => [...list.slice(-2), item]);
  return id;
}

export function dismiss(id: number, expired = false): void {
  const item = store.get().find((t) => t.id === id);
  store.set((list) => list.filter((t) => t.id !== id));
  if (expired) item?.onExpire?.();
}

function ToastItem({ item }: { item: Toast }) {
  useEffect(() => {
    if (!item.timeoutMs) return;
    const timer = setTimeout(() => dismiss(item.id, true), item.timeoutMs);
    return () => clearTimeout(timer);
  }, [item]);
  return (
    <div className={`toast toast-${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-text">{item.text}</span>
      {item.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            dismiss(item.id);
            item.action?.run();
          }}
        >
          {item.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button toast-close"
        aria-label="Dismiss"
        onClick={() => dismiss(item.id, true)}
      >
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const items = useStore(store);
  return (
    <section className="toasts" aria-live="polite" aria-label="Messages">
      {items.map((item) => (
        <ToastItem key={item.id} item={item} />
      ))}
    </section>
  );
}
