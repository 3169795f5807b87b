import { Badge, Group } from '@mantine/core';
import type { Effect } from '../../../electron/contract/index.ts';

/** What an answer does: raises a threat's likelihood/impact, or credits a control. */
export function EffectList({ effects }: { effects: readonly Effect[] }) {
  if (effects.length === 0) return null;
  return (
    <Group gap={4}>
      {effects.map((e, i) =>
        'control' in e ? (
          <Badge key={i} color="teal" variant="light" tt="none">
            credits {e.control}
          </Badge>
        ) : (
          <Badge key={i} color="orange" variant="light" tt="none">
            {e.threat}
            {e.likelihood ? ` likelihood +${e.likelihood}` : ''}
            {e.impact ? ` impact +${e.impact}` : ''}
          </Badge>
        ),
      )}
    </Group>
  );
}
