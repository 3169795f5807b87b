import { Button, Group, Select, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role, SignedInAccount } from '../../../electron/contract/index.ts';
import { setActingAs, useActingAs } from '../acting/acting-as.ts';
import { roleLabels } from '../text/labels.ts';
import { signOut } from './team-auth.ts';
import { callTeamServer, teamServerBridge } from '../pages/settings/team-server-model.ts';
import { desktopTeamStatusKey } from './signed-in-account.ts';
import { teamStore } from './team-session-store.ts';
import { errorText } from '../text/messages.ts';

/** "Assessor, Reviewer · administrator": what the account may do, in words. */
export function describeAccount(account: SignedInAccount): string {
  const parts = [account.roles.map((r) => roleLabels[r]).join(', ') || 'no governance role'];
  if (account.administrator) parts.push('administrator');
  return parts.join(' · ');
}

/**
 * The header in team mode: who is signed in (no "Acting as": the account acts), the role whose
 * steps pages offer when the account holds several, and Sign out.
 */
export function SignedInControl({ account }: { account: SignedInAccount }) {
  const { by } = useActingAs();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const store = teamStore();
  const queryClient = useQueryClient();
  const onSignOut = async () => {
    setPending(true);
    setFailure(null);
    try {
      if (store) await signOut(store);
      else {
        // The desktop signed in from its main process: sign out there, and drop what was shown.
        const bridge = teamServerBridge(window as unknown as { vigil?: Record<string, unknown> });
        if (!bridge) return;
        const status = await callTeamServer(bridge, 'teamServer.signOut', {});
        await queryClient.resetQueries();
        queryClient.setQueryData(desktopTeamStatusKey, status);
        setPending(false);
      }
    } catch (error) {
      setFailure(errorText(error));
      setPending(false);
    }
  };
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-as">
        Signed in as <strong>{account.name}</strong> — {describeAccount(account)}
      </Text>
      {account.roles.length > 1 && by ? (
        <Select
          aria-label="Working as"
          data={account.roles.map((r) => ({ value: r, label: roleLabels[r] }))}
          value={by.role}
          onChange={(role) => role && setActingAs({ name: account.name, role: role as Role })}
          allowDeselect={false}
          size="xs"
          w={160}
        />
      ) : null}
      <Button size="xs" variant="default" loading={pending} onClick={() => void onSignOut()}>
        Sign out
      </Button>
      {failure ? (
        <Text size="sm" c="red.9" role="alert">
          {failure}
        </Text>
      ) : null}
    </Group>
  );
}
