// Complete, reopen and delete, each with an Undo toast. A delete waits for its toast to expire
// before it reaches the server (Undo just cancels it); pending deletes are sent on page hide.
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { TaskDto } from '#contract/task.ts';
import { messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { dueLabel } from './lib/dates.ts';
import { applyTask } from './live.ts';
import { keys, useMe } from './queries.ts';
import { createStore } from './store.ts';
import { toast } from './toasts.tsx';

/** Ids of tasks deleted in this tab whose DELETE has not been sent yet (hidden from every list). */
export const pendingDeletes = createStore<ReadonlySet<string>>(new Set());
const DELETE_DELAY_MS = 6000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function sendDelete(client: QueryClient, task: TaskDto, zone: string, keepalive = false) {
  const timer = timers.get(task.id);
  if (timer) clearTimeout(timer);
  timers.delete(task.id);
  return api
    .deleteTask(task.id, keepalive)
    .then(() => applyTask(client, task, zone, { deleted: true }))
    .catch((error) => {
      toast(`Could not delete “${task.title}”: ${messageOf(error)}`, { kind: 'error' });
      void client.invalidateQueries({ queryKey: keys.allTasks });
    })
    .finally(() => {
      pendingDeletes.set((set) => {
        const next = new Set(set);
        next.delete(task.id);
        return next;
      });
    });
}

const waiting = new Map<string, { task: TaskDto; client: QueryClient; zone: string }>();
/** Sends every delete still waiting for its undo toast (the page is going away, or the session). */
export function flushPendingDeletes(): Promise<void> {
  const sent = [...waiting.values()].map(({ task, client, zone }) => sendDelete(client, task, zone, true));
  waiting.clear();
  return Promise.all(sent).then(() => {});
}

export function useTaskActions() {
  const client = useQueryClient();
  const zone = useMe().timeZone;

  async function complete(task: TaskDto) {
    const optimistic: TaskDto = {
      ...task,
      status: 'completed',
      completedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    applyTask(client, optimistic, zone, { refetch: false });
    try {
      const done = await api.completeTask(task.id);
      applyTask(client, done, zone);
      const recurring = Boolean(task.recurrence);
      toast(`Completed “${task.title}”${recurring ? ' — the next one is on its way' : ''}`, {
        action: { label: 'Undo', run: () => void undoComplete(done) },
      });
    } catch (error) {
      applyTask(client, task, zone);
      toast(`Could not complete “${task.title}”: ${messageOf(error)}`, { kind: 'error' });
    }
  }

  async function undoComplete(done: TaskDto) {
    try {
      // The server also takes back the next occurrence this completion created, while untouched;
      // its deletion reaches the lists through the live stream.
      applyTask(client, await api.reopenTask(done.id), zone);
    } catch (error) {
      toast(`Could not undo: ${messageOf(error)}`, { kind: 'error' });
    }
  }

  async function reopen(task: TaskDto) {
    const optimistic: TaskDto = {
      ...task,
      status: 'pending',
      completedAt: null,
      updatedAt: new Date().toISOString(),
    };
    applyTask(client, optimistic, zone, { refetch: false });
    try {
      const reopened = await api.reopenTask(task.id);
      applyTask(client, reopened, zone);
      toast(`Reopened “${task.title}”`, {
        action: {
          label: 'Undo',
          run: () => void api.completeTask(task.id).then((t) => applyTask(client, t, zone)),
        },
      });
    } catch (error) {
      applyTask(client, task, zone);
      toast(`Could not reopen “${task.title}”: ${messageOf(error)}`, { kind: 'error' });
    }
  }

  function remove(task: TaskDto) {
    pendingDeletes.set((set) => new Set(set).add(task.id));
    waiting.set(task.id, { task, client, zone });
    const run = () => {
      waiting.delete(task.id);
      void sendDelete(client, task, zone);
    };
    timers.set(task.id, setTimeout(run, DELETE_DELAY_MS + 500));
    const due = dueLabel(task, zone);
    toast(
      `Deleted “${task.title}”${task.recurrence ? ' and ended its series' : ''}${due ? ` (${due.text})` : ''}`,
      {
        timeoutMs: DELETE_DELAY_MS,
        onExpire: () => {
          if (waiting.has(task.id)) run();
        },
        action: {
          label: 'Undo',
          run: () => {
            const timer = timers.get(task.id);
            if (timer) clearTimeout(timer);
            timers.delete(task.id);
            waiting.delete(task.id);
            pendingDeletes.set((set) => {
              const next = new Set(set);
              next.delete(task.id);
              return next;
            });
          },
        },
      },
    );
  }

  return {
    complete,
    reopen,
    remove,
    toggle: (task: TaskDto) => (task.status === 'pending' ? complete(task) : reopen(task)),
  };
}
