import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RiskMatrix } from '../../../electron/contract/index.ts';
import { readableTextColor } from './readable-text-color.ts';

/** A risk band as a badge in the matrix's own colour, with legible ink. */
export function BandBadge({ matrix, band, children, size = 'md' }: { matrix: RiskMatrix; band: string; children?: ReactNode; size?: 'sm' | 'md' | 'lg' }) {
  const found = matrix.bands.find((b) => b.id === band);
  const color = found?.color ?? '#868e96';
  return (
    <Badge size={size} tt="none" style={{ background: color, color: readableTextColor(color), flexShrink: 0 }}>
      {children ?? found?.label ?? band}
    </Badge>
  );
}

/**
 * The same band as a plain element, for table cells (components/list/list-cells.css): tables
 * draw hundreds of these per page, and the Mantine badge's styling work showed in sort times.
 */
export function BandChip({ matrix, band }: { matrix: RiskMatrix; band: string }) {
  const found = matrix.bands.find((b) => b.id === band);
  const color = found?.color ?? '#868e96';
  return (
    <span className="vigil-chip" style={{ background: color, color: readableTextColor(color) }}>
      {found?.label ?? band}
    </span>
  );
}
