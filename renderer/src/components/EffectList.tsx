import { Badge, Group } from '@mantine/core';
import { isCredit, isFloor, type Effect } from '../../../electron/contract/index.ts';

/** What an answer does: raises a threat's likelihood/impact, credits a control, or sets a floor no safeguard removes. */
export function EffectList({ effects }: { effects: readonly Effect[] }) {
  if (effects.length === 0) return null;
  return (
    <Group gap={4}>
      {effects.map((e, i) =>
        isCredit(e) ? (
          <Badge key={i} color="teal" variant="light" tt="none">
            credits {e.control}
            {e.strength === 'partial' ? ' (partly)' : ''}
          </Badge>
        ) : isFloor(e) ? (
          <Badge key={i} color="red" variant="light" tt="none">
            {e.threat} stays at least
            {e.floor.likelihood ? ` likelihood ${e.floor.likelihood}` : ''}
            {e.floor.impact ? ` impact ${e.floor.impact}` : ''}
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
