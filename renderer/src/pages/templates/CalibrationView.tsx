import { Alert, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import {
  autonomyLabels,
  clinicalDomainLabels,
  dataCategoryLabels,
  deploymentLabels,
  harmLevelLabels,
  integrationLabels,
  modelTypeLabels,
  stageLabels,
  type CalibrationAnswerSetResult,
  type CalibrationProfileResult,
  type CalibrationReport,
  type RiskMatrix,
} from '../../../../electron/contract/index.ts';
import { BandBadge } from '../../components/BandBadge.tsx';

/** "Augments, predictive, on premises, EHR; worst credible harm catastrophic, time-critical." */
function systemWords(s: CalibrationProfileResult['system']): string {
  const parts = [
    autonomyLabels[s.autonomyLevel],
    modelTypeLabels[s.modelType],
    deploymentLabels[s.deploymentType],
    ...(s.clinicalDomain ? [clinicalDomainLabels[s.clinicalDomain]] : []),
    `data: ${s.dataCategories.length > 0 ? s.dataCategories.map((d) => dataCategoryLabels[d]).join(', ') : 'none recorded'}`,
    `connected to: ${s.integrationPoints.length > 0 ? s.integrationPoints.map((i) => integrationLabels[i]).join(', ') : 'nothing'}`,
    `worst credible harm: ${harmLevelLabels[s.worstCredibleHarm]}`,
    s.timeCritical ? 'time-critical' : 'not time-critical',
  ];
  return parts.join('; ');
}

function AnswerSetTable({ profile, answerSet, matrix }: { profile: CalibrationProfileResult; answerSet: CalibrationAnswerSetResult; matrix: RiskMatrix }) {
  const mismatches = answerSet.threats.filter((t) => !t.ok).length;
  const unmoved = answerSet.materialFlips.filter((f) => f.moved.length === 0);
  const moved = answerSet.materialFlips.length - unmoved.length;
  const caption = `${profile.title}: ${answerSet.title} (${answerSet.id}) — expected against scored residual band`;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Title order={4}>{answerSet.title}</Title>
        <Badge variant="outline" color={answerSet.ok ? 'green' : 'red'}>
          {answerSet.ok
            ? 'Reproduced'
            : `Does not reproduce (${[
                ...(mismatches > 0 ? [`${mismatches} band${mismatches === 1 ? '' : 's'}`] : []),
                ...(unmoved.length > 0 ? [`${unmoved.length} material safeguard${unmoved.length === 1 ? '' : 's'} moving nothing`] : []),
                ...(answerSet.rankingProblems.length > 0 ? ['ranking'] : []),
                ...(answerSet.answerProblems.length > 0 ? ['answers'] : []),
              ].join(', ')})`}
        </Badge>
      </Group>
      <Table withTableBorder aria-label={caption}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Threat</Table.Th>
            <Table.Th scope="col">Expected</Table.Th>
            <Table.Th scope="col">Scored</Table.Th>
            <Table.Th scope="col">Levels (likelihood × impact)</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answerSet.threats.map((t) => (
            <Table.Tr key={t.threatId}>
              <Table.Th scope="row" fw="normal">
                <Text span ff="monospace" size="sm" c="dimmed">
                  {t.threatId}
                </Text>{' '}
                {t.name ?? 'not in the catalog'}
              </Table.Th>
              <Table.Td>
                <BandBadge matrix={matrix} band={t.expected}>
                  {t.expectedLabel}
                </BandBadge>
              </Table.Td>
              <Table.Td>{t.scored ? <BandBadge matrix={matrix} band={t.scored.band} /> : '—'}</Table.Td>
              <Table.Td>{t.scored ? `${t.scored.likelihood} × ${t.scored.impact} = ${t.scored.score}` : '—'}</Table.Td>
              <Table.Td>
                {t.ok ? (
                  <Text span size="sm">
                    ✓ Matches
                  </Text>
                ) : (
                  <Text span size="sm" fw={700} c="red.8">
                    ✗ Mismatch
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {answerSet.answerProblems.length > 0 && (
        <Alert color="red" variant="light" title="Answers that could not be scored as written">
          <List size="sm">
            {answerSet.answerProblems.map((p) => (
              <List.Item key={p.questionId}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {unmoved.length > 0 && (
        <Alert color="red" variant="light" title="Material safeguards whose loss moves no residual level">
          <List size="sm">
            {unmoved.map((f) => (
              <List.Item key={f.questionId}>
                {f.questionId}: {f.from} switched to {f.to}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {answerSet.rankingProblems.length > 0 && (
        <Alert color="red" variant="light" title="Threats that do not rank as this answer set says">
          <List size="sm">
            {answerSet.rankingProblems.map((r) => (
              <List.Item key={`${r.above}/${r.below}`}>{r.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {answerSet.materialFlips.length > 0 && (
        <Text size="sm" c="dimmed">
          {moved} of {answerSet.materialFlips.length} material safeguard answers move a residual level when switched alone to their least safe
          option.
        </Text>
      )}
      <Text size="sm" c="dimmed">
        Highest residual scores:{' '}
        {answerSet.ranking
          .slice(0, 5)
          .map((r) => `${r.name} (${r.score})`)
          .join(', ')}
      </Text>
    </Stack>
  );
}

/**
 * The calibration table (docs/scoring.md, "Calibration"): reference systems from published
 * cases, each answer set scored with the installed content, expected band against scored.
 */
export function CalibrationView({ report, matrix }: { report: CalibrationReport; matrix: RiskMatrix }) {
  if (report.profiles.length === 0) {
    return (
      <Alert variant="light" color="gray" title="No reference profiles">
        The templates folder has no calibration profiles (templates/calibration/). Each profile describes a system from a published
        case with weak and strong answer sets and the residual band expected for its key threats; the template linter checks the content
        still gives those bands.
      </Alert>
    );
  }
  const rows = report.profiles.flatMap((p) => p.answerSets.flatMap((s) => s.threats));
  return (
    <Stack>
      <Text>
        Reference systems written from published cases, each scored with the installed content as a new assessment of its stage would
        be. {rows.filter((t) => t.ok).length} of {rows.length} expected bands are reproduced.{' '}
        {report.ok ? '' : 'A mismatch means the content no longer scores these systems as the table says; "vigil templates lint" reports it.'}
      </Text>
      {report.profiles.map((p) => (
        <Card key={p.id} withBorder component="section" aria-labelledby={`calibration-${p.id}`}>
          <Stack gap="sm">
            <Group gap="xs">
              <Title order={3} id={`calibration-${p.id}`}>
                {p.title}
              </Title>
              <Text ff="monospace" size="sm" c="dimmed">
                {p.id} {p.version}
              </Text>
            </Group>
            <Text size="sm">
              <strong>{stageLabels[p.stage]} stage.</strong> {systemWords(p.system)}.
            </Text>
            <div>
              <Text size="sm" fw={600}>
                Written from
              </Text>
              <List size="sm">
                {p.cases.map((c) => (
                  <List.Item key={c}>{c}</List.Item>
                ))}
              </List>
            </div>
            {p.answerSets.map((s) => (
              <AnswerSetTable key={s.id} profile={p} answerSet={s} matrix={matrix} />
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
