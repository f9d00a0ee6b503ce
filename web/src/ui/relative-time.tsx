// An instant shown as "5 min ago", with the full date and time (in the user's zone) on hover.
import { formatDateTime, relativeTime } from '../lib/dates.ts';

export function RelativeTime({ iso, zone }: { iso: string; zone: string }) {
  return (
    <time className="muted small" dateTime={iso} title={formatDateTime(iso, zone)}>
      {relativeTime(iso, Date.now(), zone)}
    </time>
  );
}
