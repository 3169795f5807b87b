import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../../electron/contract/index.ts';
import { useApi } from '../../../api/api-context.tsx';
import { invalidateGovernance } from '../../../api/queries.ts';

/** Query keys of the monitoring pages: one place so an import or a criteria change refreshes both. */
export const monitoringKeys = {
  all: ['monitoring'] as const,
  summary: (systemId: string) => ['monitoring', 'summary', systemId] as const,
  criteria: (assessmentId: string) => ['monitoring', 'criteria', assessmentId] as const,
};

export function useMonitoringSummary(systemId: string) {
  const api = useApi();
  return useQuery({ queryKey: monitoringKeys.summary(systemId), queryFn: () => api.call('monitoring.summary', { systemId }) });
}

export function useCriteria(assessmentId: string) {
  const api = useApi();
  return useQuery({ queryKey: monitoringKeys.criteria(assessmentId), queryFn: () => api.call('monitoring.criteria', { assessmentId }) });
}

/** An import or a criteria change: the monitoring, and what a breach moves (the system's due state, its re-assessment, its history). */
export function useMonitoringMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: monitoringKeys.all }), invalidateGovernance(queryClient)]),
  });
}

export function useSetCriteria() {
  const api = useApi();
  return useMonitoringMutation((input: MethodInput<'monitoring.setCriteria'>) => api.call('monitoring.setCriteria', input));
}
