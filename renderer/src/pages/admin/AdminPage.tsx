import { Badge, Button, Group, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { Account } from '../../../../electron/contract/index.ts';
import { formatMoment } from '../../integrity/integrity-format.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { useTeamAccount } from '../../team/team-session-store.ts';
import { roleLabels } from '../../text/labels.ts';
import { AccountDialog } from './AccountDialog.tsx';
import { lockedNow } from './account-form.ts';
import { useAccounts, useSaveAccount, useUnlockAccount } from './account-queries.ts';
import { PasswordDialog } from './PasswordDialog.tsx';
import { SignInsSection } from './SignInsSection.tsx';

/** Accounts on this team server and who signed in when: for administrators only. */
export function AdminPage() {
  const me = useTeamAccount();
  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>Accounts</Title>
        <Text c="dimmed" size="sm">
          Who may sign in to this team server, with which roles, and who signed in when.
        </Text>
      </div>
      {me?.administrator ? (
        <AccountsAdmin meId={me.id} />
      ) : (
        <Text>Only an administrator of a team server manages accounts. {me ? 'Your account is not an administrator.' : 'This Vigil has no accounts.'}</Text>
      )}
    </Stack>
  );
}

function AccountsAdmin({ meId }: { meId: string }) {
  const accounts = useAccounts();
  const [editing, setEditing] = useState<{ account: Account | null } | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  return (
    <>
      <Stack gap="sm" component="section" aria-labelledby="accounts-heading">
        <Group justify="space-between" align="flex-end">
          <Title order={2} id="accounts-heading">
            Who may sign in
          </Title>
          <Button onClick={() => setEditing({ account: null })}>Add account</Button>
        </Group>
        {accounts.isPending ? (
          <Loader size="sm" aria-label="Loading accounts" />
        ) : accounts.isError ? (
          <ErrorNotice error={accounts.error} title="The accounts could not be loaded" />
        ) : (
          <AccountsTable accounts={accounts.data} meId={meId} onEdit={(account) => setEditing({ account })} onResetPassword={setResetting} />
        )}
      </Stack>
      {accounts.data ? <SignInsSection accounts={accounts.data} /> : null}
      <AccountDialog account={editing?.account ?? null} opened={editing !== null} onClose={() => setEditing(null)} />
      <PasswordDialog account={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

function AccountsTable({
  accounts,
  meId,
  onEdit,
  onResetPassword,
}: {
  accounts: readonly Account[];
  meId: string;
  onEdit: (account: Account) => void;
  onResetPassword: (account: Account) => void;
}) {
  const save = useSaveAccount();
  const unlock = useUnlockAccount();
  const [now] = useState(() => Date.now());
  const failure = save.error ?? unlock.error;
  const setActive = (a: Account, active: boolean) =>
    save.mutate({ id: a.id, login: a.login, name: a.name, email: a.email, roles: a.roles, administrator: a.administrator, active });
  return (
    <Stack gap="xs">
      {failure ? <ErrorNotice error={failure} title="The account was not changed" /> : null}
      <Table withTableBorder striped aria-label="Accounts" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Login</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Administrator</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th>Locked until</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.login}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{a.email || <Text c="dimmed" size="sm">Not recorded</Text>}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {a.roles.length === 0 ? (
                    <Text c="dimmed" size="sm">
                      None
                    </Text>
                  ) : (
                    a.roles.map((r) => (
                      <Badge key={r} variant="light" tt="none">
                        {roleLabels[r]}
                      </Badge>
                    ))
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{a.administrator ? 'Yes' : 'No'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={a.active ? 'teal' : 'gray'} tt="none">
                  {a.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td>{a.lastSignInAt ? formatMoment(a.lastSignInAt) : <Text c="dimmed" size="sm">Never</Text>}</Table.Td>
              <Table.Td>{lockedNow(a, now) && a.lockedUntil ? formatMoment(a.lockedUntil) : <Text c="dimmed" size="sm">Not locked</Text>}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-sm" variant="subtle" aria-label={`Edit ${a.login}`} onClick={() => onEdit(a)}>
                    Edit
                  </Button>
                  <Button size="compact-sm" variant="subtle" aria-label={`Reset password of ${a.login}`} onClick={() => onResetPassword(a)}>
                    Reset password
                  </Button>
                  {lockedNow(a, now) ? (
                    <Button size="compact-sm" variant="subtle" aria-label={`Unlock ${a.login}`} onClick={() => unlock.mutate(a.id)}>
                      Unlock
                    </Button>
                  ) : null}
                  {a.id === meId ? null : a.active ? (
                    <Button size="compact-sm" variant="subtle" color="red" aria-label={`Deactivate ${a.login}`} onClick={() => setActive(a, false)}>
                      Deactivate
                    </Button>
                  ) : (
                    <Button size="compact-sm" variant="subtle" aria-label={`Reactivate ${a.login}`} onClick={() => setActive(a, true)}>
                      Reactivate
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
