import { Anchor, List, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { reassessmentWindows, type Dashboard, type RiskMatrix } from '../../../../electron/contract/index.ts';
import { listHref } from '../../routing/list-href.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { formatDate, formatMonth } from '../../text/format.ts';
import { DashboardPart, plural, type ListLink } from './ChartFigure.tsx';

/** A part of the dashboard that lists rows, or says in a line that there are none. */
function ListPart({ id, title, link, empty, count, children }: { id: string; title: string; link?: ListLink; empty: string; count: number; children: ReactNode }) {
  return (
    <DashboardPart id={id} title={title} link={link}>
      {count === 0 ? <Text size="sm">{empty}</Text> : children}
    </DashboardPart>
  );
}

const riskLink = (id: string) => hrefFor({ page: 'risks', id });

export function OverdueActions({ dashboard }: { dashboard: Dashboard }) {
  const { total, rows } = dashboard.overdueActions;
  return (
    <ListPart
      id="overdue"
      title={`Overdue treatment actions (${plural(total, 'risk')} with an action past due)`}
      link={{ href: listHref('risks', { overdue: true }), label: 'All overdue risks' }}
      empty="No treatment action is past its due date."
      count={total}
    >
      <Table withTableBorder aria-label="Overdue treatment actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Due</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Risk</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={`${a.riskId}:${a.action}:${a.due}`}>
              <Table.Td>{formatDate(a.due)}</Table.Td>
              <Table.Td>{a.action}</Table.Td>
              <Table.Td>{a.owner}</Table.Td>
              <Table.Td>
                <Anchor href={riskLink(a.riskId)}>
                  {a.threatName} — {a.systemName}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPart>
  );
}

export function Reassessments({ dashboard }: { dashboard: Dashboard }) {
  const { within, rows } = dashboard.reassessments;
  const counts = { 30: within.days30, 60: within.days60, 90: within.days90 };
  return (
    <ListPart id="reassessments" title="Re-assessments due" empty="No system is due for re-assessment in the next 90 days." count={within.days90}>
      <List size="sm" listStyleType="none" spacing={4} aria-label="Systems due for re-assessment">
        <List.Item>{plural(within.overdue, 'system')} due now or overdue</List.Item>
        {reassessmentWindows.map((days) => (
          <List.Item key={days}>
            <Anchor href={listHref('systems', { reviewDueWithinDays: days })} size="sm">
              {plural(counts[days], 'system')} within {days} days
            </Anchor>
          </List.Item>
        ))}
      </List>
      <Table withTableBorder aria-label="Systems due for re-assessment, soonest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Due</Table.Th>
            <Table.Th>System</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.systemId}>
              <Table.Td>
                {formatDate(r.due)}
                <Text size="xs" c="dimmed">
                  {r.inDays < 0 ? `${plural(-r.inDays, 'day')} ago` : r.inDays === 0 ? 'today' : `in ${plural(r.inDays, 'day')}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor href={hrefFor({ page: 'system', id: r.systemId })}>{r.systemName}</Anchor>
              </Table.Td>
              <Table.Td>{r.why}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPart>
  );
}

export function AcceptancesExpiring({ dashboard, matrix }: { dashboard: Dashboard; matrix: RiskMatrix }) {
  const { total, rows } = dashboard.acceptancesExpiring;
  return (
    <ListPart
      id="acceptances"
      title={`Acceptances expiring within 90 days (${total})`}
      link={{ href: listHref('risks', { acceptanceExpiresWithinDays: 90 }), label: 'All expiring acceptances' }}
      empty="No risk acceptance expires in the next 90 days."
      count={total}
    >
      <Table withTableBorder aria-label="Acceptances expiring within 90 days">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Band</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.riskId}>
              <Table.Td>{formatDate(a.expiry)}</Table.Td>
              <Table.Td>
                <Anchor href={riskLink(a.riskId)}>
                  {a.threatName} — {a.systemName}
                </Anchor>
              </Table.Td>
              <Table.Td>{matrix.bands.find((b) => b.id === a.band)?.label ?? a.band}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPart>
  );
}

export function VendorRequests({ dashboard }: { dashboard: Dashboard }) {
  const { total, rows } = dashboard.vendorRequests;
  return (
    <ListPart id="vendor-requests" title={`Vendor requests outstanding (${total})`} empty="No vendor request is waiting for an answer." count={total}>
      <Table withTableBorder aria-label="Vendor requests outstanding">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Vendor</Table.Th>
            <Table.Th>System</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Expires</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((v) => (
            <Table.Tr key={v.requestId}>
              <Table.Td>{v.vendor}</Table.Td>
              <Table.Td>
                <Anchor href={hrefFor({ page: 'assessment', id: v.assessmentId })}>{v.systemName}</Anchor>
              </Table.Td>
              <Table.Td>{v.issuedAt.slice(0, 10)}</Table.Td>
              <Table.Td>{v.expiresAt.slice(0, 10)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPart>
  );
}

/** Monitoring after go-live (issue 20): systems breaching an acceptance criterion in their latest month, or with data overdue. */
export function MonitoringAttention({ dashboard }: { dashboard: Dashboard }) {
  const { breaching, overdue, rows } = dashboard.monitoring;
  return (
    <ListPart
      id="monitoring"
      title={`Monitoring (${plural(breaching, 'system')} breaching, ${overdue} overdue)`}
      empty="No monitored system breaches its acceptance criteria in its latest month, and no monitoring data is overdue."
      count={rows.length}
    >
      <Table withTableBorder aria-label="Systems whose monitoring needs attention, breaching first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>System</Table.Th>
            <Table.Th>Latest month</Table.Th>
            <Table.Th>What</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.systemId}>
              <Table.Td>
                <Anchor href={hrefFor({ page: 'system', id: m.systemId })}>{m.systemName}</Anchor>
              </Table.Td>
              <Table.Td>{m.latestPeriod ? formatMonth(m.latestPeriod) : 'No data yet'}</Table.Td>
              <Table.Td>{m.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListPart>
  );
}
