// TanStack Query keys and hooks. Lists are infinite queries over the API's cursor; the live stream
// (live.ts) patches and invalidates these same keys.
import { QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { MeDto } from '#contract/user.ts';
import { ApiError } from './api/client.ts';
import { api } from './api/endpoints.ts';

export const keys = {
  me: ['me'] as const,
  tasks: (query: Record<string, string>) => ['tasks', query] as const,
  allTasks: ['tasks'] as const,
  task: (id: string) => ['task', id] as const,
  tags: ['tags'] as const,
  notifications: ['notifications'] as const,
  activity: (taskId: string) => ['activity', taskId] as const,
};

export const PAGE_SIZE = 50;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The live stream keeps cached data fresh; refetch on focus only repeats what it did.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function useTaskList(query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: keys.tasks(query),
    queryFn: ({ pageParam, signal }) => api.listTasks(query, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTask(id: string | null) {
  return useQuery({ queryKey: keys.task(id ?? ''), queryFn: () => api.getTask(id!), enabled: Boolean(id) });
}

export function useTags() {
  return useQuery({ queryKey: keys.tags, queryFn: api.tags, staleTime: 5 * 60_000 });
}

export function useTagColors(): Map<string, string> {
  const tags = useTags().data ?? [];
  return new Map(tags.filter((t) => t.color).map((t) => [t.name, t.color!]));
}

export function useNotifications() {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: api.notifications,
    // The stream announces new notifications and reads elsewhere (live.ts); coming back to a tab
    // that was asleep is still worth one check while something shows as unread.
    refetchOnWindowFocus: (query) => (query.state.data?.unreadCount ? 'always' : false),
  });
}

/** The signed-in user; the shell only renders once it is known. */
export const MeContext = createContext<MeDto | null>(null);
export function useMe(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}
