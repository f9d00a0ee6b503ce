// One function per API call the web app makes; request and response types come from contract/.
import type { z } from 'zod';
import type { ActivityPageSchema } from '#contract/activity.ts';
import type { ChatAnswer, ChatInput, ConversationDto } from '#contract/chat.ts';
import type { NotificationItem, NotificationListSchema, SnoozeAnswerSchema } from '#contract/notification.ts';
import type { QuickAddParse } from '#contract/quick-add.ts';
import type { PreviewBody, PreviewResult } from '#contract/recurrence.ts';
import type { TagDto } from '#contract/tag.ts';
import type { CreateTaskBody, PatchTaskBody, TaskDto, TaskPage } from '#contract/task.ts';
import type { MeDto, PatchMeBody } from '#contract/user.ts';
import { request } from './client.ts';

export type NotificationList = z.infer<typeof NotificationListSchema>;
export type ActivityPage = z.infer<typeof ActivityPageSchema>;
export type SnoozeAnswer = z.infer<typeof SnoozeAnswerSchema>;
export type TaskPatch = z.input<typeof PatchTaskBody>;
export type TaskCreate = z.input<typeof CreateTaskBody>;
export type PreviewInput = z.input<typeof PreviewBody>;

const json = (value: string) => encodeURIComponent(value);

export const api = {
  me: () => request<MeDto>('GET', '/api/me'),
  patchMe: (body: z.input<typeof PatchMeBody>) => request<MeDto>('PATCH', '/api/me', { body }),

  signUp: (body: { name: string; email: string; password: string; timeZone: string }) =>
    request<unknown>('POST', '/api/auth/sign-up/email', { body }),
  signIn: (body: { email: string; password: string }) =>
    request<unknown>('POST', '/api/auth/sign-in/email', { body }),
  signOut: () => request<unknown>('POST', '/api/auth/sign-out', { body: {} }),

  listTasks: (query: Record<string, string>, cursor: string | null, limit: number, signal?: AbortSignal) => {
    const search = new URLSearchParams({ ...query, limit: String(limit) });
    if (cursor) search.set('cursor', cursor);
    return request<TaskPage>('GET', `/api/tasks?${search}`, { signal });
  },
  getTask: (id: string) => request<TaskDto>('GET', `/api/tasks/${json(id)}`),
  createTask: (body: TaskCreate) => request<TaskDto>('POST', '/api/tasks', { body }),
  patchTask: (id: string, body: TaskPatch, version?: number) =>
    request<TaskDto>('PATCH', `/api/tasks/${json(id)}`, {
      body,
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    }),
  deleteTask: (id: string, keepalive = false) =>
    request<void>('DELETE', `/api/tasks/${json(id)}`, { keepalive }),
  completeTask: (id: string) => request<TaskDto>('POST', `/api/tasks/${json(id)}/complete`),
  reopenTask: (id: string) => request<TaskDto>('POST', `/api/tasks/${json(id)}/reopen`),
  quickAdd: (text: string) => request<TaskDto>('POST', '/api/tasks/quick', { body: { text } }),
  parseQuick: (text: string, signal?: AbortSignal) =>
    request<QuickAddParse>('POST', '/api/tasks/quick/parse', { body: { text }, signal }),

  preview: (body: PreviewInput, signal?: AbortSignal) =>
    request<PreviewResult>('POST', '/api/recurrence/preview', { body, signal }),

  tags: () => request<TagDto[]>('GET', '/api/tags'),
  putTag: (name: string, color: string) =>
    request<TagDto>('PUT', `/api/tags/${json(name)}`, { body: { color } }),

  notifications: () => request<NotificationList>('GET', '/api/notifications?limit=50'),
  readNotification: (id: string) => request<NotificationItem>('POST', `/api/notifications/${json(id)}/read`),
  readAll: () => request<{ updated: number; unreadCount: number }>('POST', '/api/notifications/read-all'),
  snooze: (id: string, minutes: number) =>
    request<SnoozeAnswer>('POST', `/api/notifications/${json(id)}/snooze`, { body: { minutes } }),

  activity: (taskId: string, cursor: string | null) => {
    const search = new URLSearchParams({ taskId, limit: '50' });
    if (cursor) search.set('cursor', cursor);
    return request<ActivityPage>('GET', `/api/activity?${search}`);
  },

  chat: (body: ChatInput) => request<ChatAnswer>('POST', '/api/chat', { body }),
  conversation: (id: string) => request<ConversationDto>('GET', `/api/chat/${json(id)}`),
};
