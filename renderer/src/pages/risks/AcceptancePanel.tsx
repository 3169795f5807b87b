import { Alert, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ActingAs, Risk, RiskMatrix, Settings } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { useGovernanceMutation } from '../../api/queries.ts';
import { formatDate, roleLabel, todayIso } from '../../text/labels.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { authorisedRoles, mayAccept } from './risk-model.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Acceptance of a risk. A role authorised for the band (Settings → Governance) accepts it
 * (risks.accept); anyone else asks for acceptance (risks.requestAcceptance) and the authorised
 * role decides.
 */
export function AcceptancePanel({ risk, by, settings, matrix }: { risk: Risk; by: ActingAs; settings: Settings | undefined; matrix: RiskMatrix }) {
  const api = useApi();
  const roles = authorisedRoles(settings, risk.band);
  const authorised = mayAccept(settings, risk, by);
  const bandLabel = matrix.bands.find((b) => b.id === risk.band)?.label ?? risk.band;
  const who = roles.map(roleLabel).join(' or ');

  const decide = useGovernanceMutation(async (decision: 'accept' | 'reject'): Promise<void> => {
    if (decision === 'accept') await api.call('risks.accept', { id: risk.id, by });
    else await api.call('workflow.send', { entityId: risk.id, event: 'risk.rejectAcceptance', by, expectedRevision: risk.revision });
  });
  const submit = useGovernanceMutation((input: { rationale: string; expiry: string }) =>
    authorised ? api.call('risks.accept', { id: risk.id, by, ...input }) : api.call('risks.requestAcceptance', { id: risk.id, by, ...input }),
  );
  const [rationale, setRationale] = useState('');
  const [expiry, setExpiry] = useState('');
  const [errors, setErrors] = useState<{ rationale?: string; expiry?: string }>({});

  if (risk.status === 'acceptanceRequested') {
    return (
      <Stack gap="xs" component="section" aria-label="Decide on acceptance">
        <Title order={3} size="h4">
          Acceptance requested
        </Title>
        {authorised ? (
          <>
            <Text size="sm">
              Accepting records you, {by.name} ({roleLabel(by.role)}), as accepting this {bandLabel} risk until{' '}
              {risk.acceptance ? formatDate(risk.acceptance.expiry) : 'the requested date'}.
            </Text>
            <Group>
              <Button color="teal" loading={decide.isPending && decide.variables === 'accept'} onClick={() => decide.mutate('accept')}>
                Accept risk
              </Button>
              {risk.allowedEvents.includes('risk.rejectAcceptance') ? (
                <Button variant="light" color="red" loading={decide.isPending && decide.variables === 'reject'} onClick={() => decide.mutate('reject')}>
                  Reject acceptance
                </Button>
              ) : null}
            </Group>
          </>
        ) : (
          <Text size="sm">
            Awaiting a decision by {who || 'nobody: acceptance of this band is not allowed'}. You are acting as {roleLabel(by.role)}.
          </Text>
        )}
        {decide.isError ? <ErrorNotice error={decide.error} title="The decision was not recorded" /> : null}
      </Stack>
    );
  }

  if (!risk.allowedEvents.includes('risk.requestAcceptance')) return null;

  if (roles.length === 0) {
    return (
      <Alert color="gray" variant="light" title={`A ${bandLabel} risk cannot be accepted`}>
        Settings allow nobody to accept a {bandLabel} risk: plan a treatment to bring it down.
      </Alert>
    );
  }

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const next = {
      rationale: rationale.trim() === '' ? 'Say why the risk can be accepted' : undefined,
      expiry: !isoDate.test(expiry) ? 'Choose the date the acceptance ends' : expiry <= todayIso() ? 'The expiry must be after today' : undefined,
    };
    setErrors(next);
    if (next.rationale || next.expiry) return;
    try {
      await submit.mutateAsync({ rationale: rationale.trim(), expiry });
    } catch {
      // Shown below through submit.error.
    }
  };

  return (
    <form onSubmit={(e) => void send(e)} noValidate aria-label={authorised ? 'Accept the risk' : 'Request acceptance'}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {authorised ? 'Accept the risk' : 'Request acceptance'}
        </Title>
        {authorised ? (
          <Text size="sm">
            As {roleLabel(by.role)} you may accept a {bandLabel} risk. Acceptance lasts until the expiry date; then the system is due for
            re-assessment.
          </Text>
        ) : (
          <Alert color="yellow" variant="light" title="You may not accept this risk" role="note">
            Only {who} may accept a {bandLabel} risk; you are acting as {roleLabel(by.role)}. You can ask for acceptance, and the{' '}
            {who.toLowerCase()} decides.
          </Alert>
        )}
        <Textarea
          label="Rationale"
          description="Why the residual risk is tolerable, and what limits it"
          autosize
          minRows={2}
          value={rationale}
          onChange={(e) => {
            setRationale(e.currentTarget.value);
            setErrors((x) => ({ ...x, rationale: undefined }));
          }}
          error={errors.rationale}
          withAsterisk
        />
        <TextInput
          label="Acceptance expires on"
          type="date"
          min={todayIso()}
          value={expiry}
          onChange={(e) => {
            setExpiry(e.currentTarget.value);
            setErrors((x) => ({ ...x, expiry: undefined }));
          }}
          error={errors.expiry}
          withAsterisk
          maw={220}
        />
        {submit.isError ? <ErrorNotice error={submit.error} title={authorised ? 'The risk was not accepted' : 'The request was not sent'} /> : null}
        <Group>
          <Button type="submit" color={authorised ? 'teal' : undefined} loading={submit.isPending}>
            {authorised ? 'Accept risk' : 'Request acceptance'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
