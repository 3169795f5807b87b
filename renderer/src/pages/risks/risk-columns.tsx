import type { Risk, RiskMatrix, RiskSort } from '../../../../electron/contract/index.ts';
import { BandChip } from '../../components/BandBadge.tsx';
import type { ListColumn } from '../../components/list/ListTable.tsx';
import '../../components/list/list-cells.css';
import { formatDate } from '../../text/labels.ts';
import { levelsText } from './risk-model.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';

export type RiskColumnKey = 'threat' | 'system' | 'residual' | 'inherent' | 'appetite' | 'status' | 'owner' | 'due' | 'opened';

/**
 * The register's columns, shared by the register and a system's own risks. The first cell's
 * link opens the risk (Enter on it, or a click anywhere on the row); `hrefOf` keeps the list
 * behind the drawer. Cells are plain elements with shared classes (list-cells.css): the list
 * re-renders its page on every sort and filter, and Mantine components per cell made that slow.
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
          <a href={hrefOf(r)} className="vigil-cell-link" onClick={(e) => e.stopPropagation()}>
            {r.threatName}
          </a>
          <span className="vigil-cell-code">
            {r.id} · {r.threatId}
          </span>
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
        <span className="vigil-cell-line">
          {levelsText(r.residual)}
          {matrix ? <BandChip matrix={matrix} band={r.band} /> : r.band}
        </span>
      ),
    },
    inherent: {
      key: 'inherent',
      title: 'Inherent',
      sort: 'inherent',
      firstDirection: 'desc',
      render: (r) => <span className="vigil-cell-nowrap">{levelsText(r.inherent)}</span>,
    },
    appetite: {
      key: 'appetite',
      title: 'Appetite',
      render: (r) =>
        r.aboveAppetite ? <span className="vigil-chip vigil-chip-md vigil-chip-above">Above appetite</span> : <span className="vigil-cell-dimmed">Within</span>,
    },
    status: { key: 'status', title: 'Status', sort: 'status', render: (r) => <StatusBadge kind="risk" status={r.status} /> },
    owner: {
      key: 'owner',
      title: 'Owner',
      sort: 'owner',
      render: (r) => r.owner || <span className="vigil-cell-dimmed">None yet</span>,
    },
    due: {
      key: 'due',
      title: 'Due',
      sort: 'dueDate',
      render: (r) => (
        <span className="vigil-cell-line">
          {r.dueDate ? formatDate(r.dueDate) : '—'}
          {r.overdue ? <span className="vigil-chip vigil-chip-overdue">Overdue</span> : null}
        </span>
      ),
    },
    opened: {
      key: 'opened',
      title: 'Opened',
      sort: 'openedAt',
      firstDirection: 'desc',
      render: (r) => <span className="vigil-cell-nowrap">{formatDate(r.openedAt)}</span>,
    },
  };
  return keys.map((key) => all[key]);
}
