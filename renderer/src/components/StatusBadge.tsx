import type { CSSProperties } from 'react';
import { badgeColours, statusHue, statusLabel, type StatusHue, type StatusKind } from '../theme/status-colors.ts';
import './list/list-cells.css';

// Both schemes' colours ride on the element as variables; theme.css picks the scheme's pair, so
// a badge needs no hook and does not re-render when the scheme changes (lists draw hundreds).
const styles = new Map<StatusHue, CSSProperties>();
function styleOf(hue: StatusHue): CSSProperties {
  let style = styles.get(hue);
  if (!style) {
    const [light, dark] = [badgeColours(hue, 'light'), badgeColours(hue, 'dark')];
    style = {
      '--status-light-bg': light.background,
      '--status-light-text': light.text,
      '--status-light-border': light.border,
      '--status-dark-bg': dark.background,
      '--status-dark-text': dark.text,
      '--status-dark-border': dark.border,
    } as CSSProperties;
    styles.set(hue, style);
  }
  return style;
}

/**
 * A status in words on its own colour (theme/status-colors.ts): the one way an assessment's or
 * risk's status, a system's lifecycle stage or a vendor request's state is shown as a badge.
 * A plain element like the list cells' chips (docs/lists.md, "Speed"), in Mantine's badge sizes.
 */
export function StatusBadge({ kind, status, size = 'md', 'data-testid': testId }: { kind: StatusKind; status: string; size?: 'sm' | 'md' | 'lg'; 'data-testid'?: string }) {
  return (
    <span className={`vigil-chip vigil-chip-${size} vigil-status`} data-status={status} data-testid={testId} style={styleOf(statusHue(kind, status))}>
      {statusLabel(kind, status)}
    </span>
  );
}
