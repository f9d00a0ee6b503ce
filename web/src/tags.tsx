// The sidebar's tags with their counts and colours; a colour is set with PUT /api/tags/{name}.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useState } from 'react';
import type { TagDto } from '#contract/tag.ts';
import { messageOf } from './api/client.ts';
import { api } from './api/endpoints.ts';
import { filtersToSearch, parseFilters } from './lib/views.ts';
import { keys, useTags } from './queries.ts';
import { navigate } from './router.ts';
import { toast } from './toasts.tsx';
import { PALETTE, tagColorValue } from './ui/tag.tsx';

export function useSetTagColor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, color }: { name: string; color: string }) => api.putTag(name, color),
    onMutate: ({ name, color }) =>
      client.setQueryData<TagDto[]>(keys.tags, (old) =>
        old?.some((t) => t.name === name)
          ? old.map((t) => (t.name === name ? { ...t, color } : t))
          : [...(old ?? []), { name, color, taskCount: 0 }],
      ),
    onError: (e) => toast(`Could not set the colour: ${messageOf(e)}`, { kind: 'error' }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.tags }),
  });
}

export function ColorPicker({
  name,
  value,
  onPick,
}: {
  name: string;
  value: string | null | undefined;
  onPick: (c: string) => void;
}) {
  return (
    <fieldset className="palette">
      <legend className="sr-only">Colour of #{name}</legend>
      {PALETTE.map((color) => (
        <label key={color} className="swatch-option" title={color}>
          <input
            type="radio"
            className="sr-only"
            name={`colour-${name}`}
            checked={value === color}
            onChange={() => onPick(color)}
            onClick={() => value === color && onPick(color)}
          />
          <span className="swatch" style={{ '--tag': tagColorValue(color) } as CSSProperties} />
          <span className="sr-only">{color}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function TagList({ onNavigate }: { onNavigate: () => void }) {
  const tags = useTags();
  const setColor = useSetTagColor();
  const [editing, setEditing] = useState<string | null>(null);
  const active = parseFilters(new URLSearchParams(location.search)).tags;
  if (tags.isError) return <p className="form-error small">Could not load tags: {messageOf(tags.error)}</p>;
  if (!tags.data) return null;
  if (tags.data.length === 0)
    return <p className="muted small sidebar-note">Tags you add (#home) show up here.</p>;
  return (
    <ul className="tag-list">
      {tags.data.map((tag) => (
        <li key={tag.name}>
          <div className="tag-line">
            <a
              href={`/?tags=${encodeURIComponent(tag.name)}`}
              aria-current={active.includes(tag.name) ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                const filters = parseFilters(new URLSearchParams(location.search));
                const search = filtersToSearch({ ...filters, tags: [tag.name] });
                navigate(`${location.pathname === '/settings' ? '/' : location.pathname}?${search}`);
                onNavigate();
              }}
            >
              <span
                className="dot"
                style={{ '--tag': tagColorValue(tag.color) } as CSSProperties}
                aria-hidden="true"
              />
              <span className="tag-name">#{tag.name}</span>
              <span className="count">
                {tag.taskCount}
                <span className="sr-only"> open</span>
              </span>
            </a>
            <button
              type="button"
              className="icon-button small"
              aria-label={`Colour of #${tag.name}`}
              aria-expanded={editing === tag.name}
              onClick={() => setEditing(editing === tag.name ? null : tag.name)}
            >
              <span className="swatch-mini" style={{ '--tag': tagColorValue(tag.color) } as CSSProperties} />
            </button>
          </div>
          {editing === tag.name && (
            <ColorPicker
              name={tag.name}
              value={tag.color}
              onPick={(color) => {
                setColor.mutate({ name: tag.name, color });
                setEditing(null);
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
