// The bytes of the SSE protocol (WHATWG HTML §9.2) as DESIGN §4 fixes them: `event:` the
// CloudEvents type, `id:` the event id, `data:` the CloudEvent on one line. JSON.stringify never
// emits a raw CR or LF (it escapes them inside strings), so one `data:` line always suffices.
import { STREAM_RESET, type StreamReset } from '../../contract/stream.ts';
import type { AnyCloudEvent } from '../domain/events.ts';

/** Response headers of the stream: no caching or transformation, and no proxy buffering (nginx). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
} as const;

/** A heartbeat: a comment line, ignored by clients, that keeps idle proxies from closing the stream. */
export const PING_FRAME = ': ping\n\n';

export function eventFrame(event: AnyCloudEvent): string {
  return `event: ${event.type}\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The first bytes of every stream: the reconnection delay, and the event id the stream continues
 * from when the client sent none. An `id:` with no `data:` dispatches nothing but still sets the
 * client's last event id, so a client that drops before any event arrives resumes without a gap.
 */
export function preambleFrame(retryMs: number, resumeFrom: string | null): string {
  return `retry: ${retryMs}\n${resumeFrom ? `id: ${resumeFrom}\n` : ''}\n`;
}

/** Tells the client to refetch: its Last-Event-ID cannot be resumed from (see contract/stream.ts). */
export function resetFrame(reset: StreamReset, headId: string | null): string {
  return `event: ${STREAM_RESET}\n${headId ? `id: ${headId}\n` : ''}data: ${JSON.stringify(reset)}\n\n`;
}

/**
 * A reconnection delay spread over [base, 2·base): after a replica restarts, its clients come back
 * over a window instead of all at once.
 */
export function retryDelay(baseMs: number, random: () => number = Math.random): number {
  return Math.round(baseMs + random() * baseMs);
}
