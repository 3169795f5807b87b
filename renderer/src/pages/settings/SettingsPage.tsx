import { Badge, Button, Checkbox, Group, Loader, NumberInput, Paper, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { roles, SettingsUpdateInput, type Person, type RiskMatrix, type Role, type Settings } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useCatalog, usePeople, useSettings, useUpdateSettings } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { roleLabels } from '../../text/labels.ts';
import { navigate, type SettingsTab } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { DisplaySection } from './DisplaySection.tsx';
import { IdentitySection } from './IdentitySection.tsx';
import { IntegritySection } from './IntegritySection.tsx';
import { PersonDialog } from './PersonDialog.tsx';
import { TeamServerSettings } from './TeamServerSettings.tsx';
import { useSignedInAccount } from '../../team/signed-in-account.ts';
import { issueWords } from '../../text/messages.ts';

function PeopleSection() {
  const people = usePeople();
  const onTeamServer = useSignedInAccount() !== null;
  const [editing, setEditing] = useState<{ person: Person | null } | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="people-heading">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} id="people-heading">
            People
          </Title>
          <Text c="dimmed" size="sm">
            {onTeamServer ? (
              'On this team server every account is a person here: whoever is signed in acts as themselves, and every step records their name and role. An administrator adds accounts under Accounts.'
            ) : (
              <>
                Vigil has no log-ins: whoever signs off, accepts a risk or treats it picks their name under &ldquo;Acting as&rdquo; at the top,
                and every step records that name and role.
              </>
            )}
          </Text>
        </div>
        <Button onClick={() => setEditing({ person: null })}>Add person</Button>
      </Group>
      {people.isPending ? (
        <Loader size="sm" aria-label="Loading people" />
      ) : people.isError ? (
        <ErrorNotice error={people.error} title="The people could not be loaded" />
      ) : people.data.length === 0 ? (
        <Text>No people yet. Add the assessors, reviewers, committee chair and risk owners who take part in governance.</Text>
      ) : (
        <Table withTableBorder striped aria-label="People" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th w={90}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{p.email || <Text c="dimmed" size="sm">Not recorded</Text>}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.roles.map((r) => (
                      <Badge key={r} variant="light" tt="none">
                        {roleLabels[r]}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {p.active ? (
                    'Active'
                  ) : (
                    <Badge color="gray" variant="outline" tt="none">
                      Inactive
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => setEditing({ person: p })} aria-label={`Edit ${p.name}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PersonDialog opened={editing !== null} person={editing?.person ?? null} onClose={() => setEditing(null)} />
    </Stack>
  );
}

type GovErrors = Partial<Record<'organisation' | 'signOffsRequired' | 'acceptanceAuthority' | 'readinessTarget', string>>;

function GovernanceForm({ settings, matrix }: { settings: Settings; matrix: RiskMatrix }) {
  const update = useUpdateSettings();
  const [organisation, setOrganisation] = useState(settings.organisation);
  const [signOffs, setSignOffs] = useState<number | string>(settings.signOffsRequired);
  const [authority, setAuthority] = useState<Record<string, Role[]>>(() =>
    Object.fromEntries(matrix.bands.map((b) => [b.id, settings.acceptanceAuthority[b.id] ?? []])),
  );
  const [separation, setSeparation] = useState(settings.separationOfDuties);
  const [readinessTarget, setReadinessTarget] = useState<number | string>(settings.readinessTarget);
  const [errors, setErrors] = useState<GovErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const appetiteRank = matrix.bands.findIndex((b) => b.id === matrix.appetite);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const input = { organisation: organisation.trim(), signOffsRequired: typeof signOffs === 'number' ? signOffs : Number.NaN, acceptanceAuthority: authority, separationOfDuties: separation, readinessTarget: typeof readinessTarget === 'number' ? readinessTarget : Number.NaN };
    const parsed = SettingsUpdateInput.safeParse(input);
    if (!parsed.success) {
      const next: GovErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof GovErrors | undefined;
        if (key && !next[key]) next[key] = key === 'organisation' ? 'Give the organisation a name' : key === 'signOffsRequired' ? 'Choose a whole number from 1 to 9' : key === 'readinessTarget' ? 'Choose a whole percentage from 1 to 100' : issueWords(issue);
      }
      setErrors(next);
      return;
    }
    try {
      await update.mutateAsync(input);
      setSaved(true);
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      const next: GovErrors = {};
      for (const issue of issues) next[issue.path.split('.')[0] as keyof GovErrors] = issueWords(issue);
      setErrors(next);
      setFailure(error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Governance settings">
      <Stack gap="md">
        {failure ? <ErrorNotice error={failure} title="The settings were not saved" /> : null}
        <Group align="flex-start" grow maw={720}>
          <TextInput
            label="Organisation"
            description="Named on the risk register"
            withAsterisk
            value={organisation}
            error={errors.organisation}
            onChange={(e) => {
              setOrganisation(e.currentTarget.value);
              setErrors((x) => ({ ...x, organisation: undefined }));
              setSaved(false);
            }}
          />
          <NumberInput
            label="Sign-offs required"
            description="Approvals needed before an assessment is approved; applies to assessments started after the change"
            min={1}
            max={9}
            allowDecimal={false}
            value={signOffs}
            error={errors.signOffsRequired}
            onChange={(v) => {
              setSignOffs(v);
              setErrors((x) => ({ ...x, signOffsRequired: undefined }));
              setSaved(false);
            }}
          />
          <NumberInput
            label="Training target (%)"
            description="The share of each role group using a system that must be trained; below it, or with a refresher overdue, readiness falls short"
            min={1}
            max={100}
            allowDecimal={false}
            value={readinessTarget}
            error={errors.readinessTarget}
            onChange={(v) => {
              setReadinessTarget(v);
              setErrors((x) => ({ ...x, readinessTarget: undefined }));
              setSaved(false);
            }}
          />
        </Group>
        <Checkbox
          maw={720}
          label="Separation of duties"
          description="Whoever requested a risk acceptance may not grant it, a reviewer signs off once per round, and an assessor who answered an assessment may not approve it. Switch off only where too few people hold the roles."
          checked={separation}
          onChange={(e) => {
            setSeparation(e.currentTarget.checked);
            setSaved(false);
          }}
        />
        <div>
          <Text fw={600} size="sm">
            Who may accept a risk, by band
          </Text>
          <Text size="sm" c="dimmed">
            A residual risk above the appetite ({matrix.bands[appetiteRank]?.label ?? matrix.appetite}) blocks the next lifecycle stage until it is treated, or
            accepted by a role ticked here. Leave a band empty to forbid acceptance.
          </Text>
        </div>
        <Table withTableBorder aria-label="Acceptance authority" maw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Band</Table.Th>
              <Table.Th>Roles that may accept it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrix.bands.map((band, i) => (
              <Table.Tr key={band.id}>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <BandBadge matrix={matrix} band={band.id} />
                    <Text size="xs" c="dimmed">
                      {i > appetiteRank ? 'Above appetite' : 'Within appetite'}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Checkbox.Group
                    aria-label={`Who may accept a ${band.label} risk`}
                    value={authority[band.id] ?? []}
                    onChange={(next) => {
                      setAuthority((a) => ({ ...a, [band.id]: roles.filter((r) => next.includes(r)) }));
                      setSaved(false);
                    }}
                  >
                    <Group gap="lg">
                      {roles.map((r) => (
                        <Checkbox key={r} value={r} label={roleLabels[r]} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                  {(authority[band.id] ?? []).length === 0 ? (
                    <Text size="xs" c="dimmed" mt={4}>
                      Nobody may accept a {band.label} risk: it must be treated.
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {errors.acceptanceAuthority ? (
          <Text c="red" size="sm">
            {errors.acceptanceAuthority}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save governance settings
          </Button>
          {saved ? (
            <Text size="sm" c="teal.8" role="status">
              Settings saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

function GovernanceSection() {
  const settings = useSettings();
  const catalog = useCatalog();
  return (
    <Stack gap="sm" component="section" aria-labelledby="governance-heading">
      <Title order={2} id="governance-heading">
        Governance
      </Title>
      {settings.isPending || catalog.isPending ? (
        <Loader size="sm" aria-label="Loading settings" />
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} title="The settings could not be loaded" />
      ) : catalog.isError ? (
        <ErrorNotice error={catalog.error} title="The risk matrix could not be loaded" />
      ) : (
        <GovernanceForm settings={settings.data} matrix={catalog.data.matrix} />
      )}
    </Stack>
  );
}

/**
 * People and their roles; organisation, sign-offs and who may accept which band (#/settings);
 * the audit ledger and backups (#/settings/integrity).
 */
export function SettingsPage({ tab = 'general' }: { tab?: SettingsTab | undefined }) {
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={1}>Settings</Title>
        <Text c="dimmed">Who takes part in governance, the rules the review and risk workflows follow, and the safety of the records themselves.</Text>
      </div>
      <Tabs value={tab} onChange={(next) => navigate({ page: 'settings', tab: next === 'integrity' ? 'integrity' : undefined })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="general">People and governance</Tabs.Tab>
          <Tabs.Tab value="integrity">Integrity</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="lg">
          <Stack gap="xl">
            <Paper withBorder p="md" radius="md">
              <PeopleSection />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <GovernanceSection />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <DisplaySection />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <IdentitySection />
            </Paper>
            <TeamServerSettings />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="integrity" pt="lg">
          <IntegritySection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
