import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { SignedInAccount } from '../../../electron/contract/index.ts';
import { roleLabels } from '../text/labels.ts';
import { signOut } from './team-auth.ts';
import { teamStore } from './team-session-store.ts';

/** "Assessor, Reviewer · administrator": what the account may do, in words. */
export function describeAccount(account: SignedInAccount): string {
  const parts = [account.roles.map((r) => roleLabels[r]).join(', ') || 'no governance role'];
  if (account.administrator) parts.push('administrator');
  return parts.join(' · ');
}

/** The header in team mode: who is signed in (no "Acting as": the account acts), and Sign out. */
export function SignedInControl({ account }: { account: SignedInAccount }) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const store = teamStore();
  const onSignOut = async () => {
    if (!store) return;
    setPending(true);
    setFailure(null);
    try {
      await signOut(store);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setPending(false);
    }
  };
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-as">
        Signed in as <strong>{account.name}</strong> — {describeAccount(account)}
      </Text>
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
