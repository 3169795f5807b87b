import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { Risk, RiskMatrix, RiskSort } from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import type { ListColumn } from '../../components/list/ListTable.tsx';
import { formatDate, riskStatusLabel } from '../../text/labels.ts';
import { levelsText } from './risk-model.ts';

export type RiskColumnKey = 'threat' | 'system' | 'residual' | 'inherent' | 'appetite' | 'status' | 'owner' | 'due' | 'opened';

/**
 * The register's columns, shared by the register and a system's own risks. The first cell's
 * link opens the risk (Enter on it, or a click anywhere on the row); `hrefOf` keeps the list
 * behind the drawer.
 */
export function riskColumns(matrix: RiskMatrix | undefined, hrefOf: (risk: Risk) => string, keys: readonly RiskColumnKey[]): ListColumn<Risk, RiskSort>[] {
  const all: Record<RiskColumnKey, ListColumn<Risk, RiskSort>> = {
    threat: {
      key: 'threat',
      title: 'Threat',
      sort: 'threatName',
      render: (r) => (
        <>
          {/* Indigo 8: legible (4.5:1) on a selected or open row's tint as well as on white. */}
          <Anchor href={hrefOf(r)} c="indigo.8" onClick={(e) => e.stopPropagation()}>
            {r.threatName}
          </Anchor>
          <Text size="xs" c="dimmed" ff="monospace">
            {r.id} · {r.threatId}
          </Text>
        </>
      ),
    },
    system: { key: 'system', title: 'System', sort: 'systemName', render: (r) => r.systemName },
    residual: {
      key: 'residual',
      title: 'Residual (L × I)',
      sort: 'residual',
      firstDirection: 'desc',
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {levelsText(r.residual)}
          </Text>
          {matrix ? <BandBadge matrix={matrix} band={r.band} size="sm" /> : r.band}
        </Group>
      ),
    },
    inherent: {
      key: 'inherent',
      title: 'Inherent',
      sort: 'inherent',
      firstDirection: 'desc',
      render: (r) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {levelsText(r.inherent)}
        </Text>
      ),
    },
    appetite: {
      key: 'appetite',
      title: 'Appetite',
      render: (r) =>
        r.aboveAppetite ? (
          <Badge color="red" variant="light" tt="none">
            Above appetite
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            Within
          </Text>
        ),
    },
    status: { key: 'status', title: 'Status', sort: 'status', render: (r) => riskStatusLabel(r.status) },
    owner: {
      key: 'owner',
      title: 'Owner',
      sort: 'owner',
      render: (r) =>
        r.owner || (
          <Text c="dimmed" size="sm">
            None yet
          </Text>
        ),
    },
    due: {
      key: 'due',
      title: 'Due',
      sort: 'dueDate',
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {r.dueDate ? formatDate(r.dueDate) : '—'}
          </Text>
          {r.overdue ? (
            <Badge color="red.9" variant="filled" tt="none" size="sm">
              Overdue
            </Badge>
          ) : null}
        </Group>
      ),
    },
    opened: {
      key: 'opened',
      title: 'Opened',
      sort: 'openedAt',
      firstDirection: 'desc',
      render: (r) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(r.openedAt.slice(0, 10))}
        </Text>
      ),
    },
  };
  return keys.map((key) => all[key]);
}
