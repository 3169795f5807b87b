import { Accordion, Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { stageLabels, type Question, type ReferenceItem, type ShowIf } from '../../../../electron/contract/index.ts';
import { useQuestionnaire, useTemplateList } from '../../api/queries.ts';
import { EffectList } from '../../components/EffectList.tsx';
import { RefBadges } from '../../components/RefBadges.tsx';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { fieldLabel, optionLabel } from '../../text/messages.ts';

const kindLabels: Record<Question['kind'], string> = {
  yesNo: 'Yes / no',
  choice: 'One choice',
  multi: 'Several choices',
  text: 'Text',
  number: 'Number',
  date: 'Date',
};

/** Each question's options by value, so a condition names the answers as the question offers them. */
type OptionWords = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** When a question is asked, in words: the answers and the inventory's fields and options by their labels, never their codes. */
const describeCondition = (cond: ShowIf, options: OptionWords): string => {
  const either = (words: string[]) => words.map((w) => `“${w}”`).join(' or ');
  if ('question' in cond) return `Asked when the answer to ${cond.question} is ${either(cond.in.map((v) => options.get(cond.question)?.get(v) ?? optionLabel(v)))}`;
  return `Asked when the system's ${fieldLabel(cond.system).toLowerCase()} is ${either(cond.in.map(optionLabel))}`;
};

function QuestionView({ question, registry, options }: { question: Question; registry: ReadonlyMap<string, ReferenceItem>; options: OptionWords }) {
  return (
    <Stack gap={6} py="xs">
      <Group gap="xs">
        <Text ff="monospace" size="sm" c="dimmed">
          {question.id}
        </Text>
        <Badge variant="light">{kindLabels[question.kind]}</Badge>
        {question.required ? <Badge color="red" variant="light">Required</Badge> : null}
        {question.vendorAnswerable ? <Badge color="grape" variant="light">Vendor may answer</Badge> : null}
      </Group>
      <Text fw={600}>{question.text}</Text>
      <Text size="sm">{question.guidance}</Text>
      {question.showIf ? (
        <Text size="sm" c="dimmed" fs="italic">
          {describeCondition(question.showIf, options)}
        </Text>
      ) : null}
      {'options' in question ? (
        <Table withTableBorder fz="sm" aria-label={`Answers to ${question.id}`}>
          <Table.Tbody>
            {question.options.map((o) => (
              <Table.Tr key={o.value}>
                <Table.Td w="40%">{o.label}</Table.Td>
                <Table.Td>
                  <EffectList effects={o.effects} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>I don&apos;t know</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  Counts as not in place; listed as an evidence gap
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Group gap="xs">
          <Text size="sm">Any answer:</Text>
          <EffectList effects={question.answeredEffects} />
        </Group>
      )}
      <RefBadges refs={question.refs} registry={registry} />
    </Stack>
  );
}

export function QuestionnaireBrowser({ registry }: { registry: ReadonlyMap<string, ReferenceItem> }) {
  const list = useTemplateList();
  const [chosen, setChosen] = useState<string | null>(null);
  const id = chosen ?? list.data?.questionnaires[0]?.id ?? null;
  const questionnaire = useQuestionnaire(id);
  const summary = useMemo(() => list.data?.questionnaires.find((q) => q.id === id), [list.data, id]);
  const optionWords: OptionWords = useMemo(
    () => new Map((questionnaire.data?.sections ?? []).flatMap((s) => s.questions).map((q) => [q.id, new Map('options' in q ? q.options.map((o) => [o.value, o.label] as const) : [])])),
    [questionnaire.data],
  );

  if (list.isPending) return <Loader aria-label="Loading questionnaires" />;
  if (list.isError) return <ErrorNotice error={list.error} title="The questionnaires could not be loaded" />;

  return (
    <Stack>
      <Select
        label="Questionnaire"
        data={list.data.questionnaires.map((q) => ({ value: q.id, label: `${q.title} (${stageLabels[q.stage]})` }))}
        value={id}
        onChange={setChosen}
        allowDeselect={false}
        maw={480}
      />
      {summary ? (
        <Group gap="xs">
          <Badge variant="default">Version {summary.version}</Badge>
          <Badge variant="default">{summary.questions} questions</Badge>
          <Badge variant="default">{summary.requiredQuestions} required</Badge>
          <Badge variant="default">{summary.vendorQuestions} vendor-answerable</Badge>
          <Badge variant="default">{summary.branchingQuestions} conditional</Badge>
        </Group>
      ) : null}
      {questionnaire.isPending ? (
        <Loader aria-label="Loading questionnaire" />
      ) : questionnaire.isError ? (
        <ErrorNotice error={questionnaire.error} />
      ) : (
        <Stack gap="xs">
          <Title order={2}>{questionnaire.data.title}</Title>
          <Text>{questionnaire.data.description}</Text>
          <Accordion multiple variant="separated">
            {questionnaire.data.sections.map((section) => (
              <Accordion.Item key={section.id} value={section.id}>
                <Accordion.Control>
                  {section.title} ({section.questions.length})
                </Accordion.Control>
                <Accordion.Panel>
                  {section.description ? <Text c="dimmed">{section.description}</Text> : null}
                  {section.questions.map((q) => (
                    <QuestionView key={q.id} question={q} registry={registry} options={optionWords} />
                  ))}
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
    </Stack>
  );
}
