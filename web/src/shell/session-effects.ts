// What the signed-in app starts once: the browser's time zone on a first sign-in, and the live
// stream with its reminder toasts and desktop notifications.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MeDto } from '#contract/user.ts';
import { api } from '../api/endpoints.ts';
import { browserTimeZone } from '../lib/dates.ts';
import { connectLive } from '../live.ts';
import { showDesktop } from '../notify.ts';
import { keys } from '../queries.ts';
import { navigate, setSearch } from '../router.ts';
import { toast } from '../toasts.tsx';

/** On the first sign-in in this browser, an account still on UTC takes the browser's zone. */
export function useBrowserTimeZone(me: MeDto) {
  const client = useQueryClient();
  useEffect(() => {
    const browser = browserTimeZone();
    const flag = `taskstream.tz-checked.${me.id}`;
    try {
      if (localStorage.getItem(flag)) return;
      localStorage.setItem(flag, '1');
    } catch {}
    if (me.timeZone !== 'UTC' || browser === 'UTC') return;
    api
      .patchMe({ timeZone: browser })
      .then((updated) => {
        client.setQueryData(keys.me, updated);
        toast(`Your time zone is now ${browser}, from this browser. Change it in Settings.`, {
          action: { label: 'Settings', run: () => navigate('/settings') },
        });
      })
      .catch(() => {});
  }, [me.id, me.timeZone, client]);
}

export function useLive() {
  const client = useQueryClient();
  useEffect(
    () =>
      connectLive(client, {
        zone: () => client.getQueryData<MeDto>(keys.me)?.timeZone ?? 'UTC',
        onNotification: (item) => {
          const open = () => item.taskId && setSearch({ task: item.taskId });
          toast(`Reminder: ${item.title} — ${item.body}`, {
            timeoutMs: 10_000,
            ...(item.taskId ? { action: { label: 'Open', run: open } } : {}),
          });
          showDesktop(item, open);
        },
        onRefused: () => void client.invalidateQueries({ queryKey: keys.me }),
      }),
    [client],
  );
}
