import { Badge, useComputedColorScheme, type BadgeProps } from '@mantine/core';
import { badgeColours, statusHue, statusLabel, type StatusKind } from '../theme/status-colors.ts';

/**
 * A status in words on its own colour (theme/status-colors.ts): the one way an assessment's or
 * risk's status, a system's lifecycle stage or a vendor request's state is shown as a badge.
 */
export function StatusBadge({ kind, status, size = 'md', ...rest }: { kind: StatusKind; status: string; size?: BadgeProps['size'] } & Omit<BadgeProps, 'color' | 'variant' | 'children'> & { 'data-testid'?: string }) {
  const scheme = useComputedColorScheme('light');
  const colours = badgeColours(statusHue(kind, status), scheme);
  return (
    <Badge
      {...rest}
      size={size}
      tt="none"
      variant="outline"
      data-status={status}
      style={{ background: colours.background, color: colours.text, borderColor: colours.border }}
    >
      {statusLabel(kind, status)}
    </Badge>
  );
}
