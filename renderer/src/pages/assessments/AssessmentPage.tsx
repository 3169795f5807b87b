import { Alert, Anchor, Badge, Box, Button, Group, Loader, Paper, Progress, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AssessmentDetail, Catalog, EvidenceMeta, Question, ThreatScore } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { ApiError } from '../../api/api-client.ts';
import { applyAnswerResult, assessmentKeys, useAssessment, useCatalog, useSystem } from '../../api/queries.ts';
import { BandBadge } from '../../components/BandBadge.tsx';
import { hrefFor, navigate } from '../../routing/use-hash-route.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { AnswerSaver, effectiveAnswer, type Draft, type SaverSnapshot } from './answer-saver.ts';
import {
  bandOf,
  formatTime,
  isResponded,
  notApplicableOffered,
  questionsById,
  sectionOfQuestion,
  sectionProgress,
  sectionViews,
  stageLabels,
  statusLabels,
  type SectionProgress,
} from './assessment-model.ts';
import { ContradictionsPanel } from './ContradictionsPanel.tsx';
import { CriteriaEditor } from './CriteriaEditor.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { ScoringModelControl } from './ScoringModelControl.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { VendorExchangePanel } from '../vendor/VendorExchangePanel.tsx';
import { SectionNav } from './SectionNav.tsx';
import type { QuestionLinker } from '../../components/ThreatExplanation.tsx';
import { ThreatDrawer } from './ThreatDrawer.tsx';
import { ThreatProfileView } from './ThreatProfileView.tsx';
import { PageSkipLink } from '../../shell/skip-links.tsx';
import { moveTarget, type MoveTarget } from './question-moves.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { GlossaryLink } from '../../help/GlossaryLink.tsx';
import { useAssessmentKeys } from './use-assessment-keys.ts';

type FocusTarget = { kind: 'heading' } | { kind: 'question'; id: string };

/** "Saving…", "All changes saved at 14:32", or what was refused, naming the question. */
function SaveStatus({ state, updatedAt, questions }: { state: SaverSnapshot; updatedAt: string; questions: ReadonlyMap<string, Question> }) {
  const failures = [...state.failures.entries()];
  return (
    <Stack gap={4} align="flex-end" maw={420}>
      <Text size="sm" c={state.saving ? 'indigo' : 'dimmed'} role="status" aria-live="polite" data-testid="autosave-status">
        {state.saving ? 'Saving…' : `All changes saved at ${formatTime(state.savedAt ?? updatedAt)}`}
      </Text>
      {failures.length > 0 ? (
        <Text size="sm" c="red.8" role="alert" ta="right">
          {failures
            .map(([qid, f]) => {
              const text = questions.get(qid)?.text ?? '';
              return `Not saved: ${qid}${text ? ` (“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”)` : ''}: ${f.message}`;
            })
            .join(' ')}
        </Text>
      ) : null}
    </Stack>
  );
}

function OverallProgress({ detail }: { detail: AssessmentDetail }) {
  const p = detail.progress;
  const pct = p.required === 0 ? 100 : Math.round((p.requiredAnswered / p.required) * 100);
  const matrix = detail.catalog.matrix;
  return (
    <Paper withBorder px="sm" py={6} radius="md">
      <Group justify="space-between" align="center" gap="lg" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1 }}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              Required questions answered: {p.requiredAnswered} of {p.required}
            </Text>
            <Text size="sm" c="dimmed" data-testid="progress-summary">
              {p.answered} of {p.visible} asked answered · {p.unknown} &ldquo;I don&apos;t know&rdquo; · {p.flagged} flagged
            </Text>
          </Group>
          <Progress
            value={pct}
            size="lg"
            radius="xl"
            color={pct === 100 ? 'teal' : 'indigo'}
            aria-label={`Required questions answered: ${p.requiredAnswered} of ${p.required}`}
          />
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="xs" c="dimmed">
            Overall residual risk
            <GlossaryLink term="residual-risk" />
          </Text>
          <Group gap={6} wrap="nowrap">
            <BandBadge matrix={matrix} band={detail.overall.band} size="lg" />
            <Text size="sm" c="dimmed">
              top score {detail.overall.highestResidual}
            </Text>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

const noEvidence: readonly EvidenceMeta[] = [];

function Workspace({
  detail,
  sectionParam,
  questionParam,
  catalog,
}: {
  detail: AssessmentDetail;
  sectionParam: string | undefined;
  /** A question to show and focus on arrival (a link from a risk's evidence gaps). */
  questionParam: string | undefined;
  catalog: Catalog | undefined;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = detail.id;
  // Each answer's revision as this page last loaded or saved it, sent with every save: an answer
  // someone else changed meanwhile is refused (CONFLICT, naming them) instead of overwritten.
  // (A map kept for the page's life, read only when a save goes out: not state to render from.)
  const [revisions] = useState(() => new Map<string, number>());
  useEffect(() => {
    for (const a of detail.answers) revisions.set(a.questionId, a.revision);
  }, [detail.answers, revisions]);
  const [saver] = useState(
    () =>
      new AnswerSaver(
        async (change) => {
          try {
            return await api.call('assessments.answer', { id, answers: [{ ...change, expectedRevision: revisions.get(change.questionId) ?? 0 }] });
          } catch (error) {
            // The refusal is shown on the question (with Try again / Discard); the page reloads to show their answer.
            if (error instanceof ApiError && error.error.code === 'CONFLICT') void queryClient.invalidateQueries({ queryKey: assessmentKeys.one(id), exact: true });
            throw error;
          }
        },
        (result) => {
          for (const a of result.answers) revisions.set(a.questionId, a.revision);
          return applyAnswerResult(queryClient, id, result);
        },
      ),
  );
  const saverState = useSyncExternalStore(saver.subscribe, saver.getSnapshot);
  const onChange = useCallback((questionId: string, draft: Draft) => saver.change(questionId, draft), [saver]);
  const onRetry = useCallback((questionId: string) => saver.retry(questionId), [saver]);
  const onDiscard = useCallback((questionId: string) => saver.discard(questionId), [saver]);

  // Reloading or closing the tab while a save is on its way would lose it: the browser asks
  // first. (Not in Electron, where a refused unload silently keeps the window open.)
  useEffect(() => {
    if (!saverState.saving || api.transport !== 'http') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saverState.saving, api.transport]);

  const sections = useMemo(() => sectionViews(detail), [detail]);
  const questions = useMemo(() => questionsById(detail.questionnaireSnapshots), [detail.questionnaireSnapshots]);
  const answers = useMemo(() => new Map(detail.answers.map((a) => [a.questionId, a])), [detail.answers]);
  const progress = useMemo(() => new Map<string, SectionProgress>(sections.map((s) => [s.id, sectionProgress(s, answers)])), [sections, answers]);
  const evidence = useMemo(() => {
    const map = new Map<string, EvidenceMeta[]>();
    for (const e of detail.evidence) map.set(e.questionId, [...(map.get(e.questionId) ?? []), e]);
    return map;
  }, [detail.evidence]);
  const registry = useMemo(() => new Map((catalog?.references.items ?? []).map((r) => [r.id, r])), [catalog]);
  // "Not applicable" is offered only where the question says when and the system record matches.
  const system = useSystem(detail.systemId).data;

  const asked = sections.filter((s) => s.questions.length > 0);
  const wanted = sectionParam ?? (questionParam ? sectionOfQuestion(detail.questionnaireSnapshots, questionParam) : undefined);
  const current = asked.find((s) => s.id === wanted) ?? asked[0];
  const index = current ? asked.indexOf(current) : -1;
  // The core says whether answers can change (draft, in progress, awaiting the vendor).
  const readOnly = !detail.editable;

  const [tab, setTab] = useState<string | null>('questions');
  const [openThreat, setOpenThreat] = useState<string | null>(null);
  const threat: ThreatScore | null = detail.profile.threats.find((t) => t.id === openThreat) ?? null;

  // Moving focus after a section change or a link from the score explanation: set in the
  // handler, done once the target is on screen.
  const focusTarget = useRef<FocusTarget | null>(questionParam ? { kind: 'question', id: questionParam } : null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [, setFocusRequest] = useState(0);
  // The question reached from the score explanation stays outlined until the next move.
  const [highlighted, setHighlighted] = useState<string | null>(questionParam ?? null);
  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    if (target.kind === 'heading') {
      focusTarget.current = null;
      headingRef.current?.focus();
      window.scrollTo({ top: 0 });
      return;
    }
    const card = document.getElementById(`question-${target.id}`);
    if (!card) return;
    focusTarget.current = null;
    const control =
      card.querySelector<HTMLElement>('input[type=radio]:checked:not([disabled])') ??
      card.querySelector<HTMLElement>('input:not([type=hidden]):not([type=file]):not([disabled]), textarea:not([disabled])') ??
      card;
    card.scrollIntoView({ block: 'start' });
    control.focus({ preventScroll: true });
  });

  const selectSection = useCallback(
    (sectionId: string) => {
      setHighlighted(null);
      focusTarget.current = { kind: 'heading' };
      setFocusRequest((n) => n + 1);
      navigate({ page: 'assessment', id, section: sectionId });
    },
    [id],
  );

  // The keyboard's moves (docs/keyboard.md): a question is answered once saved or on its way.
  const answered = (qid: string) => isResponded(effectiveAnswer(answers.get(qid), saverState.drafts.get(qid)));
  /** To a section (its heading) or a question (its answer), showing the questionnaire. */
  const goTo = (target: MoveTarget) => {
    setHighlighted(null);
    if (target.question === null) {
      setTab('questions');
      selectSection(target.section);
      return;
    }
    setTab('questions');
    focusTarget.current = { kind: 'question', id: target.question };
    setFocusRequest((n) => n + 1);
    // The section's own address (the same one again changes nothing).
    navigate({ page: 'assessment', id, section: target.section });
  };

  const linker: QuestionLinker = {
    href: (qid) => hrefFor({ page: 'assessment', id, section: sectionOfQuestion(detail.questionnaireSnapshots, qid) }),
    go: (qid) => {
      setOpenThreat(null);
      goTo({ section: sectionOfQuestion(detail.questionnaireSnapshots, qid) ?? current?.id ?? '', question: qid });
      // Reached from the score explanation: outlined until the next move.
      setHighlighted(qid);
    },
  };

  const [helpOpen, setHelpOpen] = useState(false);
  useAssessmentKeys({ sections: asked, section: current?.id ?? '', answered, go: goTo, openHelp: () => setHelpOpen(true) });
  const firstUnanswered = moveTarget('firstUnanswered', asked, { section: current?.id ?? '', question: null }, answered);

  const matrix = detail.catalog.matrix;
  const overallBand = bandOf(matrix, detail.overall.band);

  return (
    <Stack gap="sm">
      {firstUnanswered && !readOnly ? (
        <PageSkipLink target={`question-${firstUnanswered.question ?? ''}`} onActivate={() => goTo(firstUnanswered)}>
          Skip to the first unanswered question
        </PageSkipLink>
      ) : null}
      <Anchor href={hrefFor({ page: 'system', id: detail.systemId })}>← {detail.systemName}</Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={1}>{detail.title}</Title>
          <Group gap="xs" mt={6}>
            <Badge variant="light">{stageLabels[detail.stage]}</Badge>
            <Text ff="monospace" size="sm" c="dimmed">
              {detail.id}
            </Text>
            <Text size="xs" c="dimmed">
              {detail.questionnaires.map((q) => `${q.id} ${q.version}`).join(' · ')}
            </Text>
            <ScoringModelControl detail={detail} />
          </Group>
        </div>
        <Stack gap={4} align="flex-end">
          <SaveStatus state={saverState} updatedAt={detail.updatedAt} questions={questions} />
          <Anchor component="button" type="button" size="sm" onClick={() => setHelpOpen(true)}>
            Keyboard shortcuts (?)
          </Anchor>
        </Stack>
      </Group>
      <ReviewPanel detail={detail} questions={questions} linker={linker} saving={saverState.saving} />
      <VendorExchangePanel detail={detail} />
      {readOnly ? (
        <Alert color="gray" variant="light" p="xs" title="Answers are frozen" role="note">
          {detail.status === 'returned'
            ? 'This assessment was returned for changes: reopen it for editing to change its answers.'
            : `This assessment is ${statusLabels[detail.status].toLowerCase()}: its answers can no longer change.`}
        </Alert>
      ) : null}
      <OverallProgress detail={detail} />
      <ContradictionsPanel detail={detail} linker={linker} />

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="questions">Questionnaire</Tabs.Tab>
          <Tabs.Tab value="profile" rightSection={<BandBadge matrix={matrix} band={detail.overall.band} size="sm" />}>
            Threat profile
          </Tabs.Tab>
          {detail.stage === 'validation' ? <Tabs.Tab value="criteria">Acceptance criteria</Tabs.Tab> : null}
        </Tabs.List>

        <Tabs.Panel value="questions" pt="md">
          <Group align="flex-start" gap="lg" wrap="nowrap">
            <Box
              w={290}
              style={{ flexShrink: 0, position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' }}
            >
              <SectionNav
                assessmentId={id}
                questionnaires={detail.questionnaireSnapshots}
                sections={sections}
                progress={progress}
                current={current?.id ?? ''}
                onSelect={selectSection}
              />
            </Box>
            {current ? (
              <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
                <div>
                  <Title order={2} ref={headingRef} tabIndex={-1} style={{ outlineOffset: 4 }}>
                    {current.title}
                  </Title>
                  {current.description ? <Text c="dimmed">{current.description}</Text> : null}
                  {current.hidden > 0 ? (
                    <Text size="sm" c="dimmed" fs="italic" mt={4}>
                      {current.hidden === 1 ? '1 question is' : `${current.hidden} questions are`} not asked because of earlier answers or the
                      system&apos;s profile.
                    </Text>
                  ) : null}
                </div>
                {current.questions.map((q) => (
                  <QuestionCard
                    key={q.id}
                    assessmentId={id}
                    question={q}
                    saved={answers.get(q.id)}
                    draft={saverState.drafts.get(q.id)}
                    failure={saverState.failures.get(q.id)}
                    evidence={evidence.get(q.id) ?? noEvidence}
                    registry={registry}
                    readOnly={readOnly}
                    naOffered={detail.scoringModel === 2 && notApplicableOffered(q, system)}
                    scoringModel={detail.scoringModel}
                    highlighted={highlighted === q.id}
                    onChange={onChange}
                    onRetry={onRetry}
                    onDiscard={onDiscard}
                  />
                ))}
                <Group justify="space-between">
                  {index > 0 ? (
                    <Button variant="default" onClick={() => selectSection(asked[index - 1]?.id ?? '')}>
                      ← {asked[index - 1]?.title}
                    </Button>
                  ) : (
                    <span />
                  )}
                  {index < asked.length - 1 ? (
                    <Button variant="light" onClick={() => selectSection(asked[index + 1]?.id ?? '')}>
                      {asked[index + 1]?.title} →
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            ) : (
              <Text>No question of this questionnaire is asked for this system.</Text>
            )}
          </Group>
        </Tabs.Panel>

        <Tabs.Panel value="profile" pt="md">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Updated with every answer. Overall residual risk: {overallBand?.label ?? detail.overall.band}, highest residual score{' '}
              {detail.overall.highestResidual}.
            </Text>
            <ThreatProfileView profile={detail.profile} matrix={matrix} onExplain={(t) => setOpenThreat(t.id)} />
          </Stack>
        </Tabs.Panel>
        {detail.stage === 'validation' ? <Tabs.Panel value="criteria" pt="md"><CriteriaEditor detail={detail} /></Tabs.Panel> : null}
      </Tabs>

      <ThreatDrawer
        assessmentId={detail.id}
        scoredAt={detail.profile.scoredAt}
        threat={threat}
        matrix={matrix}
        catalog={catalog}
        questions={questions}
        linker={linker}
        inheritedFrom={detail.profile.inheritedFrom ?? []}
        onClose={() => setOpenThreat(null)}
      />
      <ShortcutsDialog opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </Stack>
  );
}

/** One assessment: sections and questions with autosave, and the live threat profile. */
export function AssessmentPage({ id, section, question }: { id: string; section: string | undefined; question?: string | undefined }) {
  const assessment = useAssessment(id);
  const catalog = useCatalog();
  if (assessment.isPending) return <Loader aria-label="Loading assessment" />;
  if (assessment.isError) return <ErrorNotice error={assessment.error} title="This assessment could not be loaded" />;
  return <Workspace key={id} detail={assessment.data} sectionParam={section} questionParam={question} catalog={catalog.data} />;
}
