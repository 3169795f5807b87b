import { Alert, Button, Code, Group, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CertificateInfo, TeamStatus } from '../../../../electron/contract/index.ts';
import { setActingAs } from '../../acting/acting-as.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { desktopTeamStatusKey, useDesktopTeamStatus } from '../../team/signed-in-account.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { addressProblem, callTeamServer, certificateNotes, fingerprintRows, statusLine, teamServerBridge, type TeamServerBridge } from './team-server-model.ts';

const noteColors = { danger: 'red', warning: 'yellow', info: 'blue' } as const;

function Fingerprint({ value, label }: { value: string; label: string }) {
  return (
    <Code block aria-label={label} w="fit-content" style={{ fontSize: 'var(--mantine-font-size-sm)' }}>
      {fingerprintRows(value).join('\n')}
    </Code>
  );
}

/** Step 1 and 2: the address, its certificate to confirm, and Connect. */
function ChooseServer({ bridge, onChanged }: { bridge: TeamServerBridge; onChanged: (status: TeamStatus) => Promise<void> }) {
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const probe = useMutation({ mutationFn: (url: string) => callTeamServer(bridge, 'teamServer.probe', { url }) });
  const connect = useMutation({
    mutationFn: (seen: CertificateInfo) => callTeamServer(bridge, 'teamServer.connect', { url: seen.url, fingerprint: seen.fingerprint }),
    onSuccess: async (status) => {
      probe.reset();
      await onChanged(status);
    },
  });

  const check = (event: FormEvent) => {
    event.preventDefault();
    const found = addressProblem(address);
    setProblem(found);
    connect.reset();
    if (!found) probe.mutate(address.trim());
  };

  return (
    <Stack gap="sm">
      <form onSubmit={check} noValidate aria-label="Choose a team server">
        <Group align="flex-end">
          <TextInput
            label="Team server address"
            description="From the person who runs your team server"
            placeholder="https://vigil.hospital.example"
            value={address}
            error={problem}
            w={420}
            onChange={(e) => {
              setAddress(e.currentTarget.value);
              setProblem(null);
              probe.reset();
            }}
          />
          <Button type="submit" variant="default" loading={probe.isPending}>
            Check certificate
          </Button>
        </Group>
      </form>
      {probe.isError ? <ErrorNotice error={probe.error} title="The certificate could not be checked" /> : null}
      {probe.data ? (
        <Paper withBorder p="sm" radius="sm" aria-label="The server's certificate">
          <Stack gap="xs">
            <Text size="sm">
              {probe.data.url} shows this certificate. Its SHA-256 fingerprint must match the one the server&apos;s administrator gave you:
            </Text>
            <Fingerprint value={probe.data.fingerprint} label="Certificate fingerprint (SHA-256)" />
            <Text size="xs" c="dimmed">
              Issued to {probe.data.subject || 'no name'} by {probe.data.issuer || 'no name'}; valid {formatDate(probe.data.validFrom)} to {formatDate(probe.data.validTo)}.
            </Text>
            {certificateNotes(probe.data, new Date()).map((note) => (
              <Alert key={note.text} color={noteColors[note.tone]} variant="light" role={note.tone === 'danger' ? 'alert' : undefined}>
                <Text size="sm">{note.text}</Text>
              </Alert>
            ))}
            <Group>
              <Button onClick={() => probe.data && connect.mutate(probe.data)} loading={connect.isPending}>
                The fingerprint matches: connect
              </Button>
              <Button variant="subtle" onClick={() => probe.reset()}>
                Cancel
              </Button>
            </Group>
            {connect.isError ? <ErrorNotice error={connect.error} title="Vigil did not connect" /> : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

function SignIn({ bridge, onChanged }: { bridge: TeamServerBridge; onChanged: (status: TeamStatus) => Promise<void> }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => callTeamServer(bridge, 'teamServer.signIn', { login, password }),
    onSuccess: async (status) => {
      setPassword('');
      await onChanged(status);
    },
  });
  return (
    <form
      aria-label="Sign in to the team server"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate();
      }}
    >
      <Stack gap="xs" maw={420}>
        <TextInput label="Login" autoComplete="username" value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
        <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <Group>
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
        </Group>
        {signIn.isError ? <ErrorNotice error={signIn.error} title="You are not signed in" /> : null}
      </Stack>
    </form>
  );
}

function Connected({ bridge, status, onChanged }: { bridge: TeamServerBridge; status: Extract<TeamStatus, { mode: 'team' }>; onChanged: (status: TeamStatus) => Promise<void> }) {
  const signOut = useMutation({ mutationFn: () => callTeamServer(bridge, 'teamServer.signOut', {}), onSuccess: onChanged });
  const leave = useMutation({ mutationFn: () => callTeamServer(bridge, 'teamServer.disconnect', {}), onSuccess: onChanged });
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        Certificate pinned {formatDateTime(status.pinnedAt)} by {status.pinnedBy}: Vigil accepts this server only while it shows this certificate.
      </Text>
      <Fingerprint value={status.fingerprint} label="Pinned certificate fingerprint (SHA-256)" />
      {status.notice ? (
        <Alert color="yellow" variant="light" role="status">
          <Text size="sm">{status.notice}</Text>
        </Alert>
      ) : null}
      {status.account ? (
        <Group>
          <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            Sign out
          </Button>
        </Group>
      ) : status.passwordSignIn ? (
        <SignIn bridge={bridge} onChanged={onChanged} />
      ) : (
        <Text size="sm">This server signs people in only through single sign-on, in a web browser: open {status.url} there.</Text>
      )}
      {signOut.isError ? <ErrorNotice error={signOut.error} title="Sign-out did not reach the server" /> : null}
      <Group>
        <Button variant="outline" color="gray" onClick={() => leave.mutate()} loading={leave.isPending}>
          Stop using the team server
        </Button>
        <Text size="xs" c="dimmed">
          Back to your own file on this computer, as it was before you connected.
        </Text>
      </Group>
      {leave.isError ? <ErrorNotice error={leave.error} title="Vigil could not stop using the team server" /> : null}
    </Stack>
  );
}

/**
 * Settings → "Use a team server" (desktop only): check a server's certificate, confirm its
 * fingerprint, connect, sign in; or go back to the own file. Every change of where the records
 * come from drops all cached answers, so nothing from one place is shown as the other's.
 */
export function TeamServerSettings() {
  const bridge = teamServerBridge(window as unknown as { vigil?: Record<string, unknown> });
  const queryClient = useQueryClient();
  const status = useDesktopTeamStatus();
  if (!bridge) return null;

  const changed = async (next: TeamStatus) => {
    // On a team server the signed-in account acts: a name chosen under "Acting as" on this
    // computer would be refused there ("You are signed in as …"), so the choice is dropped.
    if (next.mode === 'team') setActingAs(null);
    await queryClient.resetQueries();
    queryClient.setQueryData(desktopTeamStatusKey, next);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm" component="section" aria-labelledby="team-server-heading">
        <Title order={2} id="team-server-heading">
          Use a team server
        </Title>
        <Text c="dimmed" size="sm">
          A team server keeps one shared set of records for your governance office, with real sign-ins. While connected, this app shows and changes the server&apos;s
          records; your own file stays on this computer, untouched, for when you stop using the server.
        </Text>
        {status.isPending ? (
          <Loader size="sm" aria-label="Loading the team server settings" />
        ) : status.isError ? (
          <ErrorNotice error={status.error} title="The team server settings could not be read" />
        ) : status.data ? (
          <>
            <Text fw={600} role="status">
              {statusLine(status.data)}
            </Text>
            {status.data.mode === 'local' && status.data.problem ? (
              <Alert color="yellow" variant="light">
                <Text size="sm">{status.data.problem}</Text>
              </Alert>
            ) : null}
            {status.data.mode === 'team' ? <Connected bridge={bridge} status={status.data} onChanged={changed} /> : <ChooseServer bridge={bridge} onChanged={changed} />}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
