import { Anchor, Drawer, List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Catalog, Question, RiskMatrix, ThreatProfile, ThreatScore } from '../../../../electron/contract/index.ts';
import { useThreatDetail } from '../../api/queries.ts';
import { LevelsCard, ThreatExplanation, type QuestionLinker } from '../../components/ThreatExplanation.tsx';
import { hrefFor } from '../../routing/use-hash-route.ts';
import { stageLabels } from './assessment-model.ts';

/**
 * "Why this score": every step that moved a threat, from the catalog base to the residual, with
 * links back to the answers responsible, the controls credited, the questions still open and the
 * safeguards that would lower it. The score is the live one; the words come from the core.
 */
export function ThreatDrawer({
  assessmentId,
  scoredAt,
  threat,
  matrix,
  catalog,
  questions,
  linker,
  inheritedFrom = [],
  onClose,
}: {
  assessmentId: string;
  /** When the profile was scored: the detail is fetched again after an answer moves it. */
  scoredAt: string;
  threat: ThreatScore | null;
  matrix: RiskMatrix;
  catalog: Catalog | undefined;
  questions: ReadonlyMap<string, Question>;
  linker: QuestionLinker;
  /** Model 2: the approved earlier-stage assessments whose findings the profile starts from. */
  inheritedFrom?: NonNullable<ThreatProfile['inheritedFrom']>;
  onClose: () => void;
}) {
  const detail = useThreatDetail(assessmentId, threat?.id ?? null, scoredAt);
  return (
    <Drawer
      opened={threat !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={threat ? `Why this score: ${threat.name}` : 'Why this score'}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {threat ? (
        <ThreatExplanation
          threat={threat}
          detail={detail}
          matrix={matrix}
          catalog={catalog}
          gaps={threat.gaps.map((questionId) => ({ questionId, text: questions.get(questionId)?.text ?? '' }))}
          linker={linker}
          scores={
            <Stack gap="lg">
              {inheritedFrom.length > 0 ? (
                <Stack gap={2}>
                  <Text size="sm">Starts from the approved findings of earlier stages:</Text>
                  <List size="sm" aria-label="Earlier stages this score starts from">
                    {inheritedFrom.map((i) => (
                      <List.Item key={i.assessmentId}>
                        {stageLabels[i.stage]}: <Anchor href={hrefFor({ page: 'assessment', id: i.assessmentId })}>{i.title}</Anchor>{' '}
                        <Text span ff="monospace" c="dimmed" size="xs">
                          ({i.assessmentId})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              ) : null}
              <SimpleGrid cols={2}>
                <LevelsCard title="Inherent (before controls)" levels={threat.inherent} matrix={matrix} />
                <LevelsCard title="Residual (after credited controls)" levels={threat.residual} matrix={matrix} />
              </SimpleGrid>
            </Stack>
          }
        />
      ) : null}
    </Drawer>
  );
}
