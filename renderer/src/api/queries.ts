import { notifyManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnswerResult, AssessmentDetail, AssessmentStage, MethodInput, SystemFields } from '../../../electron/contract/index.ts';
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

export function useSystem(id: string) {
  const api = useApi();
  return useQuery({ queryKey: systemKeys.one(id), queryFn: () => api.call('systems.get', { id }) });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: ['app', 'info'], queryFn: () => api.call('app.info', {}) });
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

export function useCatalog() {
  const api = useApi();
  return useQuery({ queryKey: ['templates', 'catalog'], queryFn: () => api.call('templates.catalog', {}), staleTime: Infinity });
}

export function useCoverage() {
  const api = useApi();
  return useQuery({ queryKey: ['templates', 'coverage'], queryFn: () => api.call('templates.coverage', {}), staleTime: Infinity });
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
  queryClient.setQueryData<AssessmentDetail>(assessmentKeys.one(id), (old) =>
    old
      ? {
          ...old,
          answers: result.answers,
          progress: result.progress,
          profile: result.profile,
          overall: result.profile.overall,
          visibleQuestions: result.visibleQuestions,
          status: old.status === 'draft' ? 'inProgress' : old.status,
          updatedAt: result.profile.scoredAt,
        }
      : old,
  );
  // TanStack tells components on its next tick. Resolve after that, so whoever drops its
  // unconfirmed draft next never renders a moment with neither the draft nor the saved answer
  // (that flicker unmounted controls and lost keyboard focus).
  await new Promise<void>((resolve) => notifyManager.schedule(resolve));
  void queryClient.invalidateQueries({ queryKey: assessmentKeys.lists });
}
