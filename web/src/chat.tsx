// The assistant (POST /api/chat): a conversation panel. The conversation id is kept in this
// browser, and its history reloaded from GET /api/chat/{id}. Tool calls show compactly under
// each answer; the changes they made reach the lists through the live stream.
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ChatMessage, ToolCall } from '#contract/chat.ts';
import { ApiError, messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { CHAT_LIMITS } from './lib/contract.ts';
import { toolSummary } from './lib/tool-calls.ts';
import { useMe } from './queries.ts';
import { CloseIcon } from './ui/icons.tsx';

const storageKey = (userId: string) => `taskstream.chat.${userId}`;

export default function ChatPanel({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const [conversationId, setConversationId] = useState<string | null>(() => {
    try {
      return localStorage.getItem(storageKey(me.id));
    } catch {
      return null;
    }
  });
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [text, setText] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const history = useQuery({
    queryKey: ['chat', conversationId],
    queryFn: () => api.conversation(conversationId!),
    enabled: Boolean(conversationId),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  useEffect(() => {
    if (history.data) setMessages(history.data.messages);
    // A conversation that no longer exists: start a new one.
    if (history.error instanceof ApiError && history.error.status === 404) {
      setConversationId(null);
      try {
        localStorage.removeItem(storageKey(me.id));
      } catch {}
    }
  }, [history.data, history.error, me.id]);

  useEffect(() => inputRef.current?.focus(), []);
  const count = messages.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message is added
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [count]);

  const remember = (id: string | null) => {
    setConversationId(id);
    try {
      if (id) localStorage.setItem(storageKey(me.id), id);
      else localStorage.removeItem(storageKey(me.id));
    } catch {}
  };
  function startOver() {
    remember(null);
    setMessages([]);
  }

  const send = useMutation({
    mutationFn: (message: string) => api.chat({ message, ...(conversationId ? { conversationId } : {}) }),
    onMutate: (message) =>
      setMessages((list) => [...list, { role: 'user', content: message, at: new Date().toISOString() }]),
    onSuccess: (answer) => {
      remember(answer.conversationId);
      setMessages((list) => [
        ...list,
        {
          role: 'assistant',
          content: answer.reply,
          at: new Date().toISOString(),
          toolCalls: answer.toolCalls,
        },
      ]);
    },
  });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || send.isPending) return;
    setText('');
    send.mutate(message);
  };

  return (
    <aside className="panel chat-panel" aria-labelledby="chat-title">
      <header className="panel-head">
        <h2 id="chat-title">Assistant</h2>
        <button type="button" className="button subtle small" onClick={startOver} disabled={!count}>
          New conversation
        </button>
        <button type="button" className="icon-button" aria-label="Close the assistant" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <div className="panel-body chat-body">
        {count === 0 && !history.isFetching && (
          <div className="muted chat-intro">
            <p>Manage tasks by talking, for example:</p>
            <ul>
              <li>add call mom every sunday at 6pm</li>
              <li>what’s overdue?</li>
              <li>move my dentist task to friday 3pm</li>
              <li>remind me an hour before the standup</li>
            </ul>
          </div>
        )}
        <ol className="chat-log" ref={listRef} aria-live="polite" aria-label="Conversation">
          {messages.map((m) => (
            <li key={`${m.role}-${m.at}`} className={`chat-message ${m.role}`}>
              <span className="sr-only">{m.role === 'user' ? 'You:' : 'Assistant:'}</span>
              <p>{m.content}</p>
              {m.toolCalls && m.toolCalls.length > 0 && <ToolCalls calls={m.toolCalls} />}
            </li>
          ))}
          {send.isPending && (
            <li className="chat-message assistant pending" aria-busy="true">
              <p>…</p>
            </li>
          )}
        </ol>
        {send.isError && (
          <p className="form-error" role="alert">
            Not sent: {messageOf(send.error)}
          </p>
        )}
      </div>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input" className="sr-only">
          Message the assistant
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          rows={2}
          value={text}
          maxLength={CHAT_LIMITS.messageMax}
          placeholder="Ask or tell… (Enter sends)"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" className="button primary" disabled={!text.trim() || send.isPending}>
          Send
        </button>
      </form>
    </aside>
  );
}

function ToolCalls({ calls }: { calls: ToolCall[] }) {
  return (
    <details className="tool-calls">
      <summary>
        {calls.map((call, i) => {
          const s = toolSummary(call);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a past answer's tool calls never change or reorder
            <span key={i} className={`tool-chip${s.failed ? ' failed' : ''}`}>
              {s.text}
            </span>
          );
        })}
      </summary>
      {calls.map((call, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a past answer's tool calls never change or reorder
        <div key={i} className="tool-detail">
          <code>{call.tool}</code>
          <pre>{JSON.stringify(call.input, null, 1)}</pre>
          <pre>{JSON.stringify(call.output, null, 1)?.slice(0, 2000)}</pre>
        </div>
      ))}
    </details>
  );
}
