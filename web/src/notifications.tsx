// The bell: unread count, the latest notifications, mark read, snooze, and the switch for
// browser notifications.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { NotificationItem } from '#contract/notification.ts';
import { messageOf } from './api/client.ts';
import { api, type NotificationList } from './api/endpoints.ts';
import { applyTask } from './live.ts';
import { desktopState, disableDesktop, enableDesktop } from './notify.ts';
import { keys, useMe, useNotifications } from './queries.ts';
import { setSearch } from './router.ts';
import { useStore } from './store.ts';
import { toast } from './toasts.tsx';
import { BellIcon } from './ui/icons.tsx';
import { RelativeTime } from './ui/relative-time.tsx';

const SNOOZES: [number, string][] = [
  [10, '10 minutes'],
  [60, '1 hour'],
  [180, '3 hours'],
  [1440, '1 day'],
];

export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const unread = list.data?.unreadCount ?? 0;
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        root.current?.querySelector<HTMLButtonElement>('.bell')?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="bell-wrap" ref={root}>
      <button
        type="button"
        className="icon-button bell"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls="notifications"
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationPanel list={list.data} error={list.error} onClose={() => setOpen(false)} />}
    </div>
  );
}

function NotificationPanel({
  list,
  error,
  onClose,
}: {
  list: NotificationList | undefined;
  error: unknown;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const me = useMe();
  const desktop = useStore(desktopState);
  const setList = (update: (old: NotificationList) => NotificationList) =>
    client.setQueryData<NotificationList>(keys.notifications, (old) => (old ? update(old) : old));
  const markRead = (item: NotificationItem) =>
    setList((old) => ({
      items: old.items.map((n) =>
        n.id === item.id ? { ...n, readAt: n.readAt ?? new Date().toISOString() } : n,
      ),
      unreadCount: Math.max(0, old.unreadCount - (item.readAt ? 0 : 1)),
    }));

  const read = useMutation({
    mutationFn: (item: NotificationItem) => api.readNotification(item.id),
    onMutate: markRead,
    onError: (e) => toast(`Could not mark it read: ${messageOf(e)}`, { kind: 'error' }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });
  const readAll = useMutation({
    mutationFn: api.readAll,
    onMutate: () =>
      setList((old) => ({
        items: old.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })),
        unreadCount: 0,
      })),
    onError: (e) => toast(`Could not mark all read: ${messageOf(e)}`, { kind: 'error' }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });
  const snooze = useMutation({
    mutationFn: ({ item, minutes }: { item: NotificationItem; minutes: number }) =>
      api.snooze(item.id, minutes),
    onSuccess: (answer, { item, minutes }) => {
      markRead(item);
      applyTask(client, answer.task, me.timeZone);
      const label = SNOOZES.find(([m]) => m === minutes)?.[1] ?? `${minutes} minutes`;
      toast(`Snoozed “${item.title}” for ${label}`);
    },
    onError: (e) => toast(`Could not snooze: ${messageOf(e)}`, { kind: 'error' }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });

  return (
    <section id="notifications" className="popover notifications" aria-label="Notifications">
      <header className="popover-head">
        <h2>Notifications</h2>
        <button
          type="button"
          className="button subtle"
          disabled={!list?.unreadCount || readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          Mark all read
        </button>
      </header>
      {error ? (
        <p className="form-error" role="alert">
          Could not load notifications: {messageOf(error)}
        </p>
      ) : !list ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 ? (
        <p className="muted empty-note">No notifications yet. Reminders show up here when they fire.</p>
      ) : (
        <ul className="notification-list">
          {list.items.map((item) => (
            <li key={item.id} className={`notification${item.readAt ? '' : ' unread'}`}>
              <div className="notification-text">
                <button
                  type="button"
                  className="link-button notification-title"
                  disabled={!item.taskId}
                  onClick={() => {
                    if (!item.readAt) read.mutate(item);
                    if (item.taskId) setSearch({ task: item.taskId });
                    onClose();
                  }}
                >
                  {item.readAt ? '' : <span className="sr-only">Unread: </span>}
                  {item.title}
                </button>
                <span className="muted small">{item.body}</span>
                <RelativeTime iso={item.createdAt} zone={me.timeZone} />
              </div>
              <div className="notification-actions">
                {!item.readAt && (
                  <button type="button" className="button subtle small" onClick={() => read.mutate(item)}>
                    Mark read
                  </button>
                )}
                {item.taskId && (
                  <label className="snooze">
                    <span className="sr-only">Snooze “{item.title}”</span>
                    <select
                      value=""
                      aria-label={`Snooze “${item.title}”`}
                      onChange={(e) => {
                        const minutes = Number(e.target.value);
                        if (minutes) snooze.mutate({ item, minutes });
                      }}
                    >
                      <option value="">Snooze…</option>
                      {SNOOZES.map(([minutes, label]) => (
                        <option key={minutes} value={minutes}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <footer className="popover-foot">
        {desktop === 'default' && (
          <button type="button" className="button" onClick={() => void enableDesktop()}>
            Show browser notifications for reminders
          </button>
        )}
        {desktop === 'off' && (
          <button type="button" className="button" onClick={() => void enableDesktop()}>
            Turn browser notifications on
          </button>
        )}
        {desktop === 'on' && (
          <p className="muted small">
            Browser notifications are on.{' '}
            <button type="button" className="link-button" onClick={disableDesktop}>
              Turn off
            </button>
          </p>
        )}
        {desktop === 'denied' && (
          <p className="muted small">
            Browser notifications are blocked for this site (change it in the browser’s site settings).
          </p>
        )}
      </footer>
    </section>
  );
}
