import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, SystemFields } from '../../../electron/contract/index.ts';
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
