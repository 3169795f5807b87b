import { notifyManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActingAs, AnswerResult, AssessmentDetail, AssessmentStage, MethodInput, SystemFields } from '../../../electron/contract/index.ts';
import { ApiError } from './api-client.ts';
import { useApi } from './api-context.tsx';

/** Query keys and hooks for the inventory; one place so invalidation stays consistent. */
export const systemKeys = {
  all: ['systems'] as const,
  list: (input: MethodInput<'systems.list'>) => ['systems', 'list', input] as const,
  one: (id: string) => ['systems', 'one', id] as const,
};

export function useSystems(input: MethodInput<'systems.list'>) {
  const api = useApi();
  return useQuery({ queryKey: systemKeys.list(input), queryFn: () => api.call('systems.list', input) });
}

export function useSystem(id: string, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: systemKeys.one(id), queryFn: () => api.call('systems.get', { id }), enabled });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: ['app', 'info'] as const, queryFn: () => api.call('app.info', {}) });
}

function useSystemMutation<I>(run: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.all }),
  });
}

export function useCreateSystem() {
  const api = useApi();
  return useSystemMutation((fields: SystemFields) => api.call('systems.create', fields));
}

export function useUpdateSystem() {
  const api = useApi();
  return useSystemMutation((input: { id: string; changes: Partial<SystemFields> }) => api.call('systems.update', input));
}

export function useArchiveSystem() {
  const api = useApi();
  return useSystemMutation((input: { id: string; archive: boolean }) =>
    api.call(input.archive ? 'systems.archive' : 'systems.unarchive', { id: input.id }),
  );
}

export function useTemplateList() {
  const api = useApi();
  return useQuery({ queryKey: ['templates', 'list'], queryFn: () => api.call('templates.list', {}), staleTime: Infinity });
}

export function useQuestionnaire(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['templates', 'one', id],
    queryFn: () => api.call('templates.get', { id: id ?? '' }),
    enabled: id !== null,
    staleTime: Infinity,
  });
}

export const catalogKey = ['templates', 'catalog'] as const;

export function useCatalog() {
  const api = useApi();
  return useQuery({ queryKey: catalogKey, queryFn: () => api.call('templates.catalog', {}), staleTime: Infinity });
}

export function useCoverage() {
  const api = useApi();
  return useQuery({ queryKey: ['templates', 'coverage'], queryFn: () => api.call('templates.coverage', {}), staleTime: Infinity });
}

export function useCalibration() {
  const api = useApi();
  return useQuery({ queryKey: ['templates', 'calibration'], queryFn: () => api.call('templates.calibration', {}), staleTime: Infinity });
}

export function useLoadDemo() {
  const api = useApi();
  return useSystemMutation(() => api.call('demo.load', {}));
}

/** Query keys for assessments: lists (all, or one system's) and one assessment's detail. */
export const assessmentKeys = {
  all: ['assessments'] as const,
  lists: ['assessments', 'list'] as const,
  list: (input: MethodInput<'assessments.list'>) => ['assessments', 'list', input] as const,
  one: (id: string) => ['assessments', 'one', id] as const,
};

/**
 * What the acting person may do now with an assessment, as the core decides it (the events'
 * declared roles and separation of duties). Keyed under the assessment, so any change to it
 * refetches this too.
 */
export function useAllowedEvents(entityId: string, by: ActingAs | null, version: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['assessments', 'allowed', entityId, by?.name ?? null, by?.role ?? null, version] as const,
    queryFn: () => api.call('workflow.allowed', { entityId, ...(by ? { by } : {}) }),
    enabled: by !== null,
  });
}

export function useAssessments(input: MethodInput<'assessments.list'>) {
  const api = useApi();
  return useQuery({ queryKey: assessmentKeys.list(input), queryFn: () => api.call('assessments.list', input) });
}

export function useAssessment(id: string) {
  const api = useApi();
  return useQuery({ queryKey: assessmentKeys.one(id), queryFn: () => api.call('assessments.get', { id }) });
}

export function useStartAssessment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { systemId: string; stage: AssessmentStage }) => api.call('assessments.start', input),
    onSuccess: (detail) => {
      queryClient.setQueryData(assessmentKeys.one(detail.id), detail);
      return queryClient.invalidateQueries({ queryKey: assessmentKeys.lists });
    },
  });
}

/**
 * Folds the result of assessments.answer into the cached detail, so the page (heat map,
 * progress, visibility) reflects the saved state at once. A refetch already under way is
 * cancelled first: it may have been answered before this save and would overwrite it.
 * Resolves once components have been told.
 */
export async function applyAnswerResult(queryClient: ReturnType<typeof useQueryClient>, id: string, result: AnswerResult): Promise<void> {
  await queryClient.cancelQueries({ queryKey: assessmentKeys.one(id), exact: true });
  const statusChanged = queryClient.getQueryData<AssessmentDetail>(assessmentKeys.one(id))?.status !== result.status;
  queryClient.setQueryData<AssessmentDetail>(assessmentKeys.one(id), (old) =>
    old
      ? {
          ...old,
          answers: result.answers,
          progress: result.progress,
          profile: result.profile,
          overall: result.profile.overall,
          visibleQuestions: result.visibleQuestions,
          status: result.status,
          updatedAt: result.profile.scoredAt,
        }
      : old,
  );
  // TanStack tells components on its next tick. Resolve after that, so whoever drops its
  // unconfirmed draft next never renders a moment with neither the draft nor the saved answer
  // (that flicker unmounted controls and lost keyboard focus).
  await new Promise<void>((resolve) => notifyManager.schedule(resolve));
  void queryClient.invalidateQueries({ queryKey: assessmentKeys.lists });
  // The first answer moves a draft into progress: the review steps allowed now change with it.
  if (statusChanged) void queryClient.invalidateQueries({ queryKey: assessmentKeys.one(id), exact: true });
}

/** Query keys for governance: people, settings, risks, review queues and system histories. */
export const governanceKeys = {
  people: ['people'] as const,
  settings: ['settings'] as const,
  risks: ['risks'] as const,
  riskList: (input: MethodInput<'risks.list'>) => ['risks', 'list', input] as const,
  risk: (id: string) => ['risks', 'one', id] as const,
  queue: (name: string) => ['reviews', 'queue', name] as const,
  history: (systemId: string) => ['history', systemId] as const,
};

/**
 * A governance step can move much at once (a sign-off approves an assessment, opens risks and
 * advances the system): refetch everything that shows workflow state.
 */
export function invalidateGovernance(queryClient: ReturnType<typeof useQueryClient>): Promise<void> {
  return Promise.all(
    [systemKeys.all, assessmentKeys.all, governanceKeys.risks, ['reviews'], ['history']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  ).then(() => undefined);
}

export function usePeople() {
  const api = useApi();
  return useQuery({ queryKey: governanceKeys.people, queryFn: () => api.call('people.list', {}) });
}

export function useSavePerson() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'people.save'>) => api.call('people.save', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: governanceKeys.people }),
  });
}

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: governanceKeys.settings, queryFn: () => api.call('settings.get', {}) });
}

export function useUpdateSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'settings.update'>) => api.call('settings.update', input),
    onSuccess: (settings) => queryClient.setQueryData(governanceKeys.settings, settings),
  });
}

export function useReviewQueue(name: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: governanceKeys.queue(name ?? ''),
    queryFn: () => api.call('reviews.queue', { name: name ?? '' }),
    enabled: name !== null,
  });
}

export function useRisks(input: MethodInput<'risks.list'>) {
  const api = useApi();
  return useQuery({ queryKey: governanceKeys.riskList(input), queryFn: () => api.call('risks.list', input) });
}

export function useRisk(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: governanceKeys.risk(id ?? ''), queryFn: () => api.call('risks.get', { id: id ?? '' }), enabled: id !== null });
}

export function useSystemHistory(id: string) {
  const api = useApi();
  return useQuery({ queryKey: governanceKeys.history(id), queryFn: () => api.call('systems.history', { id }) });
}

/** Any governance call (workflow events, risk treatment and acceptance, changes, incidents). */
export function useGovernanceMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => invalidateGovernance(queryClient),
    // Someone else moved the state first (a stale expectedRevision): the refusal names them, and
    // the page reloads to show where it stands now.
    onError: (error) => (error instanceof ApiError && error.error.code === 'CONFLICT' ? invalidateGovernance(queryClient) : undefined),
  });
}

export function useWorkflowSend() {
  const api = useApi();
  return useGovernanceMutation((input: MethodInput<'workflow.send'>) => api.call('workflow.send', input));
}

/** Query keys for the database's integrity: app.info carries the ledger head and read-only state. */
export const integrityKeys = {
  info: ['app', 'info'] as const,
  backups: ['backups'] as const,
};

export function useBackups() {
  const api = useApi();
  return useQuery({ queryKey: integrityKeys.backups, queryFn: () => api.call('backup.list', {}) });
}

/** Recomputes the audit ledger's hash chain on demand (an action the user asks for, not a cached read). */
export function useVerifyLedger() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('audit.verify', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrityKeys.info }),
  });
}

/** A verified backup into the backups folder (the page never names a file). It is itself recorded in the ledger. */
export function useCreateBackup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['backup', 'create'],
    mutationFn: () => api.call('backup.create', {}),
    onSuccess: () =>
      Promise.all([integrityKeys.info, integrityKeys.backups].map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined),
  });
}

/**
 * Replaces the database with a backup from the backups folder. Everything on screen came from
 * the database it replaced, so every query is refetched.
 */
export function useRestoreBackup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['backup', 'restore'],
    mutationFn: (name: string) => api.call('backup.restore', { name }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/**
 * One threat of an assessment as its owner plans from it (description for the system, why,
 * gaps, references, the safeguards that would lower it). Keyed under the assessment, so a
 * governance change refetches it; `version` (when the profile was scored) refetches it after
 * an answer changes the score.
 */
export function useThreatDetail(assessmentId: string, threatId: string | null, version: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['assessments', 'threatDetail', assessmentId, threatId ?? '', version] as const,
    queryFn: () => api.call('assessments.threatDetail', { id: assessmentId, threatId: threatId ?? '' }),
    enabled: threatId !== null,
  });
}

/** The committee's decision summary (the committee-meeting view); refetched by any governance change. */
export function useRegisterSummary() {
  const api = useApi();
  return useQuery({ queryKey: ['reviews', 'registerSummary'] as const, queryFn: () => api.call('register.summary', { systemIds: [] }) });
}
