// The editor's tags: chips with their colours, suggestions from the user's tags, add and remove.
import { type CSSProperties, useId, useState } from 'react';
import { LIMITS } from '../lib/contract.ts';
import { useTagColors, useTags } from '../queries.ts';
import { ColorPicker, useSetTagColor } from '../tags.tsx';
import { tagColorValue } from '../ui/tag.tsx';
import { FieldError } from './field-error.tsx';

export function TagsField({
  tags,
  onChange,
  error,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
}) {
  const known = useTags().data ?? [];
  const colors = useTagColors();
  const setColor = useSetTagColor();
  const [text, setText] = useState('');
  const [picking, setPicking] = useState<string | null>(null);
  const id = useId();
  const add = (raw: string) => {
    const names = raw
      .split(/[,\s]+/)
      .map((t) => t.trim().replace(/^#/, ''))
      .filter(Boolean);
    const next = [...tags];
    for (const name of names)
      if (!next.includes(name) && next.length < LIMITS.tagsMax) next.push(name.slice(0, LIMITS.tagMax));
    onChange(next);
    setText('');
  };
  return (
    <div className="field">
      <label htmlFor={id}>Tags</label>
      <div className="tag-editor">
        {tags.map((tag) => (
          <span
            key={tag}
            className="tag editable"
            style={{ '--tag': tagColorValue(colors.get(tag)) } as CSSProperties}
          >
            <button
              type="button"
              className="tag-color"
              aria-label={`Colour of #${tag}`}
              aria-expanded={picking === tag}
              onClick={() => setPicking(picking === tag ? null : tag)}
            />
            #{tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="tag-input"
          value={text}
          list={`${id}-known`}
          placeholder={tags.length ? 'Add another' : 'Add a tag'}
          onChange={(e) => {
            if (/[,\s]$/.test(e.target.value)) add(e.target.value);
            else setText(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim()) {
              e.preventDefault();
              add(text);
            } else if (e.key === 'Backspace' && !text && tags.length) onChange(tags.slice(0, -1));
          }}
          onBlur={() => text.trim() && add(text)}
        />
        <datalist id={`${id}-known`}>
          {known
            .filter((t) => !tags.includes(t.name))
            .map((t) => (
              <option key={t.name} value={t.name} />
            ))}
        </datalist>
      </div>
      {picking && (
        <ColorPicker
          name={picking}
          value={colors.get(picking)}
          onPick={(color) => {
            setColor.mutate({ name: picking, color });
            setPicking(null);
          }}
        />
      )}
      <FieldError text={error} />
    </div>
  );
}
