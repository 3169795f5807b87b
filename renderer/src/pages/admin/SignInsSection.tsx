import { Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Account, SignInRecord } from '../../../../electron/contract/index.ts';
import { formatMoment } from '../../integrity/integrity-format.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { useSignIns } from './account-queries.ts';

export const outcomeLabels: Record<SignInRecord['outcome'], { label: string; color: string }> = {
  signedIn: { label: 'Signed in', color: 'teal' },
  refused: { label: 'Refused', color: 'red' },
  locked: { label: 'Locked', color: 'orange' },
  signedOut: { label: 'Signed out', color: 'gray' },
  expired: { label: 'Session expired', color: 'gray' },
};
export const methodLabels: Record<SignInRecord['method'], string> = { password: 'Password', oidc: 'Single sign-on' };

/** "Who signed in when": every attempt and every session's end, newest first, for one account or all. */
export function SignInsSection({ accounts }: { accounts: readonly Account[] }) {
  const [accountId, setAccountId] = useState<string | null>(null);
  const signIns = useSignIns(accountId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="sign-ins-heading">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} id="sign-ins-heading">
            Who signed in when
          </Title>
          <Text c="dimmed" size="sm">
            Every sign-in attempt and the end of every session, newest first.
          </Text>
        </div>
        <Select
          label="Account"
          placeholder="All accounts"
          clearable
          data={accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.login})` }))}
          value={accountId}
          onChange={setAccountId}
          w={260}
        />
      </Group>
      {signIns.isPending ? (
        <Loader size="sm" aria-label="Loading sign-ins" />
      ) : signIns.isError ? (
        <ErrorNotice error={signIns.error} title="The sign-ins could not be loaded" />
      ) : signIns.data.length === 0 ? (
        <Text>Nobody has signed in{accountId ? ' to this account' : ''} yet.</Text>
      ) : (
        <Table withTableBorder striped aria-label="Sign-ins" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Login</Table.Th>
              <Table.Th>How</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Address</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {signIns.data.map((s, i) => (
              <Table.Tr key={`${s.at}-${s.login}-${i}`}>
                <Table.Td>{formatMoment(s.at)}</Table.Td>
                <Table.Td>{s.login}</Table.Td>
                <Table.Td>{methodLabels[s.method]}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={outcomeLabels[s.outcome].color} tt="none">
                    {outcomeLabels[s.outcome].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{s.reason}</Table.Td>
                <Table.Td>{s.address}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
