import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { governanceKeys } from '../../api/queries.ts';

/** Accounts live with their people: a change to one shows in Settings → People too. */
const accountKeys = { list: ['accounts'] as const, signIns: (accountId: string | null) => ['accounts', 'signIns', accountId] as const };

export function useAccounts() {
  const api = useApi();
  return useQuery({ queryKey: accountKeys.list, queryFn: () => api.call('accounts.list', {}) });
}

export function useSignIns(accountId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: accountKeys.signIns(accountId),
    queryFn: () => api.call('accounts.signIns', accountId ? { accountId, limit: 200 } : { limit: 200 }),
  });
}

function useAccountMutation<I>(run: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: accountKeys.list }), queryClient.invalidateQueries({ queryKey: governanceKeys.people })]).then(
        () => undefined,
      ),
  });
}

export function useSaveAccount() {
  const api = useApi();
  return useAccountMutation((input: MethodInput<'accounts.save'>) => api.call('accounts.save', input));
}

export function useSetPassword() {
  const api = useApi();
  return useAccountMutation((input: MethodInput<'accounts.setPassword'>) => api.call('accounts.setPassword', input));
}

export function useUnlockAccount() {
  const api = useApi();
  return useAccountMutation((id: string) => api.call('accounts.unlock', { id }));
}
