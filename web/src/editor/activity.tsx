// A task's history from /api/activity, newest first, page by page.
import { useInfiniteQuery } from '@tanstack/react-query';
import { messageOf } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { keys, useMe } from '../queries.ts';
import { RelativeTime } from '../ui/relative-time.tsx';

const EVENT_LABELS: Record<string, string> = {
  'todo.task.created': 'Created',
  'todo.task.updated': 'Changed',
  'todo.task.completed': 'Completed',
  'todo.task.reopened': 'Reopened',
  'todo.task.deleted': 'Deleted',
  'todo.reminder.due': 'Reminder fired',
  'todo.notification.created': 'Notified',
  'todo.notification.read': 'Notification read',
};
const FIELD_LABELS: Record<string, string> = {
  dueAt: 'due date',
  allDay: 'all day',
  timeZone: 'time zone',
  recurrence: 'repeat',
};

export function Activity({ taskId }: { taskId: string }) {
  const me = useMe();
  const activity = useInfiniteQuery({
    queryKey: keys.activity(taskId),
    queryFn: ({ pageParam }) => api.activity(taskId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (activity.isPending) return <p className="muted panel-body">Loading the activity…</p>;
  if (activity.isError)
    return (
      <p className="form-error panel-body" role="alert">
        Could not load the activity: {messageOf(activity.error)}
      </p>
    );
  const items = activity.data.pages.flatMap((p) => p.items);
  return (
    <div className="panel-body">
      {items.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="activity" aria-label="Activity, newest first">
          {items.map((item) => {
            const data = item.data as { changes?: string[]; task?: { title?: string } } | null;
            const changes = data?.changes?.map((c) => FIELD_LABELS[c] ?? c);
            return (
              <li key={item.id}>
                <span className={`activity-type type-${item.type.split('.').pop()}`}>
                  {EVENT_LABELS[item.type] ?? item.type}
                </span>
                {changes?.length ? <span> {changes.join(', ')}</span> : null}
                {item.type === 'todo.task.created' && data?.task?.title ? (
                  <span> “{data.task.title}”</span>
                ) : null}
                <RelativeTime iso={item.time} zone={me.timeZone} />
              </li>
            );
          })}
        </ol>
      )}
      {activity.hasNextPage && (
        <button type="button" className="button subtle" onClick={() => void activity.fetchNextPage()}>
          Older
        </button>
      )}
    </div>
  );
}
