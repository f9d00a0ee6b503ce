// The live stream (GET /api/stream, Server-Sent Events) applied to the TanStack Query cache: each
// task event patches the cached rows at once and refetches the lists it may add a row to; a
// notification created or read refreshes the bell; `stream.reset` refetches everything.
import type { QueryClient } from '@tanstack/react-query';
import type { NotificationItem } from '#contract/notification.ts';
import type { StreamEvent } from '#contract/stream.ts';
import type { TaskDto } from '#contract/task.ts';
import { type Pages, patchPages } from './lib/cache.ts';
import { STREAM_EVENT_TYPES, STREAM_RESET } from './lib/contract.ts';
import { needsRefetch } from './lib/live-rules.ts';
import { matchesQuery } from './lib/views.ts';
import { keys } from './queries.ts';
import { createStore } from './store.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';
export const liveStatus = createStore<LiveStatus>('connecting');

const NOTIFICATION_TYPE = 'todo.notification.created';
const NOTIFICATION_READ_TYPE = 'todo.notification.read';

/** Applies a task as it now is (from an event or a mutation's answer) to every cached view. */
export function applyTask(
  client: QueryClient,
  task: TaskDto,
  zone: string,
  options: { deleted?: boolean; changes?: string[]; refetch?: boolean } = {},
): void {
  const action = options.deleted ? 'delete' : 'upsert';
  if (options.deleted) void client.invalidateQueries({ queryKey: keys.task(task.id) });
  else
    client.setQueryData<TaskDto>(keys.task(task.id), (old) =>
      old && old.version > task.version ? old : task,
    );
  const now = Date.now();
  for (const [key, data] of client.getQueriesData<Pages>({ queryKey: keys.allTasks })) {
    const query = (key[1] ?? {}) as Record<string, string>;
    const verdict = matchesQuery(task, query, zone, now);
    const present = data?.pages.some((page) => page.items.some((item) => item.id === task.id)) ?? false;
    client.setQueryData<Pages>(key, (old) => patchPages(old, task, action, verdict));
    if (
      options.refetch !== false &&
      needsRefetch({ present, action, verdict, sort: query.sort ?? 'dueAt', changes: options.changes })
    )
      scheduleRefetch(client, key);
  }
}

const pendingRefetch = new Map<string, readonly unknown[]>();
let refetchTimer: ReturnType<typeof setTimeout> | null = null;
/** Refetches lists shortly after a burst of events, once each. */
function scheduleRefetch(client: QueryClient, key: readonly unknown[]) {
  pendingRefetch.set(JSON.stringify(key), key);
  if (refetchTimer) return;
  refetchTimer = setTimeout(() => {
    refetchTimer = null;
    const batch = [...pendingRefetch.values()];
    pendingRefetch.clear();
    for (const queryKey of batch) void client.invalidateQueries({ queryKey, exact: true });
  }, 60);
}

export interface LiveHooks {
  zone: () => string;
  onNotification: (notification: NotificationItem) => void;
  /** The stream was refused: the session may be gone. */
  onRefused: () => void;
}

function handleEvent(client: QueryClient, event: StreamEvent, hooks: LiveHooks) {
  if (event.type === NOTIFICATION_TYPE) {
    void client.invalidateQueries({ queryKey: keys.notifications });
    hooks.onNotification(event.data.notification);
    return;
  }
  // Read (or snoozed) in another tab, or in this one: the bell's list and count change.
  if (event.type === NOTIFICATION_READ_TYPE) {
    void client.invalidateQueries({ queryKey: keys.notifications });
    return;
  }
  const task = event.data.task;
  applyTask(client, task, hooks.zone(), {
    deleted: event.type === 'todo.task.deleted',
    ...(event.data.changes ? { changes: event.data.changes } : {}),
  });
  void client.invalidateQueries({ queryKey: keys.activity(task.id) });
  if (event.type !== 'todo.task.updated' || event.data.changes?.includes('tags'))
    void client.invalidateQueries({ queryKey: keys.tags });
}

/** Opens the stream; returns the function that closes it. */
export function connectLive(client: QueryClient, hooks: LiveHooks): () => void {
  let source: EventSource | null = null;
  let lastEventId = '';
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let everOpen = false;

  const open = () => {
    const url = lastEventId ? `/api/stream?lastEventId=${encodeURIComponent(lastEventId)}` : '/api/stream';
    const current = new EventSource(url, { withCredentials: true });
    source = current;
    current.onopen = () => {
      // A new EventSource without a known event id cannot resume: refetch what is shown.
      if (everOpen && !lastEventId) void client.invalidateQueries();
      everOpen = true;
      failures = 0;
      liveStatus.set('live');
    };
    current.onerror = () => {
      if (closed) return;
      liveStatus.set('reconnecting');
      if (current.readyState === EventSource.CLOSED) {
        // The browser gave up (an HTTP error such as 401, or a proxy's 502): retry ourselves.
        current.close();
        failures += 1;
        if (failures === 1 || failures % 3 === 0) hooks.onRefused();
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)) * (0.75 + Math.random() / 2);
        retryTimer = setTimeout(open, delay);
      }
    };
    const take = (message: MessageEvent<string>) => {
      if (message.lastEventId) lastEventId = message.lastEventId;
    };
    for (const type of STREAM_EVENT_TYPES) {
      current.addEventListener(type, (message: MessageEvent<string>) => {
        take(message);
        let event: StreamEvent;
        try {
          event = JSON.parse(message.data) as StreamEvent;
        } catch {
          return;
        }
        if (event?.type !== type || typeof event.data !== 'object') return;
        handleEvent(client, event, hooks);
      });
    }
    current.addEventListener(STREAM_RESET, (message: MessageEvent<string>) => {
      take(message);
      void client.invalidateQueries();
    });
  };

  liveStatus.set('connecting');
  open();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    source?.close();
  };
}
