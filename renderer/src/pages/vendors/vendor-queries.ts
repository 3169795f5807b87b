import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';
import { systemKeys } from '../../api/queries.ts';

/** Query keys and hooks for vendors (vendors.*). */
export const vendorRecordKeys = {
  all: ['vendors'] as const,
  list: (search: string) => ['vendors', 'list', search] as const,
  one: (id: string) => ['vendors', 'one', id] as const,
};

export function useVendorList(search: string) {
  const api = useApi();
  return useQuery({ queryKey: vendorRecordKeys.list(search), queryFn: () => api.call('vendors.list', { search }) });
}

export function useVendorRecord(id: string) {
  const api = useApi();
  return useQuery({ queryKey: vendorRecordKeys.one(id), queryFn: () => api.call('vendors.get', { id }) });
}

/** A change to a vendor may rename its systems: both are read again. */
function useVendorMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: vendorRecordKeys.all }), queryClient.invalidateQueries({ queryKey: systemKeys.all })]),
  });
}

export function useCreateVendor() {
  const api = useApi();
  return useVendorMutation((input: MethodInput<'vendors.create'>) => api.call('vendors.create', input));
}

export function useUpdateVendor() {
  const api = useApi();
  return useVendorMutation((input: MethodInput<'vendors.update'>) => api.call('vendors.update', input));
}
