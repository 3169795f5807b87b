import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../../electron/contract/index.ts';
import { useApi } from '../../api/api-context.tsx';

/** The paged methods of docs/lists.md. */
export type PagedMethod = 'systems.page' | 'assessments.page' | 'reviews.page' | 'risks.page' | 'audit.events';

/**
 * The key of one page: under its list's root (`['risks', 'page', input]`), so whatever
 * invalidates the risks, systems, assessments or reviews refetches their pages too.
 */
export const pageKey = <M extends PagedMethod>(method: M, input: MethodInput<M>) => [...method.split('.'), input] as const;

/**
 * One page of a list. While the next page, sort or filter is fetched the previous rows stay on
 * screen (`keepPreviousData`), so paging never flashes an empty table.
 */
export function usePageQuery<M extends PagedMethod & MethodName>(method: M, input: MethodInput<M>, enabled = true) {
  const api = useApi();
  return useQuery<MethodOutput<M>>({
    queryKey: pageKey(method, input),
    queryFn: () => api.call(method, input),
    placeholderData: keepPreviousData,
    enabled,
  });
}
