// Tag chips in their colour: a palette name (contract/tag.ts) or #rrggbb.
import type { CSSProperties } from 'react';
import { TAG_COLORS } from '../lib/contract.ts';

export const PALETTE = TAG_COLORS;

export function tagColorValue(color: string | null | undefined): string {
  if (!color) return 'var(--tag-default)';
  if (color.startsWith('#')) return color;
  return `var(--tag-${color})`;
}

export function TagChip({
  name,
  color,
  onClick,
}: {
  name: string;
  color?: string | null | undefined;
  onClick?: () => void;
}) {
  const style = { '--tag': tagColorValue(color) } as CSSProperties;
  if (onClick)
    return (
      <button
        type="button"
        className="tag"
        style={style}
        onClick={onClick}
        aria-label={`Filter by tag ${name}`}
      >
        #{name}
      </button>
    );
  return (
    <span className="tag" style={style}>
      #{name}
    </span>
  );
}
