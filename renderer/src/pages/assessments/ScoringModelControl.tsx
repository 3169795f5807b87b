import { Badge, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AssessmentDetail, UpgradeScoringResult } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { assessmentKeys } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { useActingAs } from '../../acting/acting-as.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';

/**
 * An assessment pinned to scoring model 1 shows the scores it was decided on; while it can be
 * edited, "Upgrade scoring" moves it to model 2 (and the installed templates) after a
 * confirmation, then shows the overall band before and after and the answers that did not carry.
 */
export function ScoringModelControl({ detail }: { detail: AssessmentDetail }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { by } = useActingAs();
  const [opened, setOpened] = useState(false);
  const upgrade = useMutation({
    mutationFn: () => api.call('assessments.upgradeScoring', { id: detail.id, ...(by ? { by } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.one(detail.id), exact: true }),
  });
  const result: UpgradeScoringResult | undefined = upgrade.data;
  if (detail.scoringModel !== 1 && !result) return null;
  const close = () => {
    setOpened(false);
    upgrade.reset();
  };
  const matrix = detail.catalog.matrix;
  return (
    <>
      {detail.scoringModel === 1 ? (
        <Group gap="xs">
          <Badge color="gray" variant="outline" tt="none" title="Scores are worked out as when this assessment was started">
            Scoring model 1
          </Badge>
          {detail.editable ? (
            <Button size="compact-sm" variant="light" onClick={() => setOpened(true)} aria-haspopup="dialog">
              Upgrade scoring
            </Button>
          ) : null}
        </Group>
      ) : null}
      <Modal opened={opened} onClose={close} title={result ? 'Scoring upgraded' : 'Upgrade to scoring model 2?'} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {result ? (
          <Stack gap="sm">
            <Text size="sm">
              {detail.id} now uses scoring model {result.to}: {result.carried} answer(s) carried.
            </Text>
            <Group gap="xs" data-testid="upgrade-bands">
              <Text size="sm">Overall residual risk before:</Text>
              <BandBadge matrix={matrix} band={result.before.band} />
              <Text size="sm">({result.before.highestResidual}), after:</Text>
              <BandBadge matrix={matrix} band={result.after.band} />
              <Text size="sm">({result.after.highestResidual})</Text>
            </Group>
            {result.notCarried.length > 0 ? (
              <Stack gap={4}>
                <Text size="sm">Not carried (no longer in the questionnaires):</Text>
                <List size="sm" aria-label="Answers not carried">
                  {result.notCarried.map((q) => (
                    <List.Item key={q}>
                      <Text span ff="monospace" size="sm">
                        {q}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ) : (
              <Text size="sm">Every answer was carried.</Text>
            )}
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              Scoring model 2 reads the system&apos;s clinical harm, counts each safeguard once, gives a vendor&apos;s claim full strength only with checked
              evidence, credits free text only once reviewed adequate, and lists contradictions. The assessment moves to the installed questionnaires; answers
              carry by question id and any that no longer exist are listed. The upgrade is recorded in the audit ledger and cannot be undone.
            </Text>
            <Group gap="xs">
              <Text size="sm">Overall residual risk now (model 1):</Text>
              <BandBadge matrix={matrix} band={detail.overall.band} />
              <Text size="sm">({detail.overall.highestResidual})</Text>
            </Group>
            {upgrade.isError ? (
              <ErrorNotice error={upgrade.error} title="Not upgraded" />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={() => upgrade.mutate()} loading={upgrade.isPending}>
                Upgrade scoring
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
