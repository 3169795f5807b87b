import type { QueryClient } from '@tanstack/react-query';
import { AssessmentPageInput, AuditEventsInput, ReviewPageInput, RiskPageInput, SystemPageInput } from '../../../electron/contract/index.ts';
import type { ApiClient } from '../api/api-client.ts';
import { catalogKey, governanceKeys } from '../api/queries.ts';
import { readListInput } from '../components/list/list-state.ts';
import { pageKey } from '../components/list/use-page-query.ts';
import { chunkFor } from './page-chunks.ts';
import type { Route } from './use-hash-route.ts';

/**
 * The first page's data (and its code) asked for at start, while the frame loads (docs/lists.md,
 * "Speed"): a list opened from an address would otherwise wait for its chunk, a first render
 * and its effects before its request left. The keys are the ones the pages use, so the page
 * finds the answer (or the request in flight) in the cache.
 */
export function prefetchRoute(route: Route, queries: QueryClient, api: ApiClient): void {
  const prefetch = <T>(queryKey: readonly unknown[], queryFn: () => Promise<T>) => void queries.prefetchQuery({ queryKey, queryFn });
  // The page's code too: its chunk loads while the frame renders, not after.
  void chunkFor(route)?.().catch(() => undefined);
  // Every page waits for the workspace mode (App.tsx) before it renders.
  prefetch(governanceKeys.settings, () => api.call('settings.get', {}));
  switch (route.page) {
    case 'risks': {
      const input = readListInput(RiskPageInput, route.query);
      prefetch(pageKey('risks.page', input), () => api.call('risks.page', input));
      prefetch(catalogKey, () => api.call('templates.catalog', {}));
      return;
    }
    case 'systems': {
      const input = readListInput(SystemPageInput, route.query);
      prefetch(pageKey('systems.page', input), () => api.call('systems.page', input));
      return;
    }
    case 'assessments': {
      const input = readListInput(AssessmentPageInput, route.query);
      prefetch(pageKey('assessments.page', input), () => api.call('assessments.page', input));
      return;
    }
    case 'reviews': {
      if (route.tab !== 'log') return;
      const input = readListInput(ReviewPageInput, route.query);
      prefetch(pageKey('reviews.page', input), () => api.call('reviews.page', input));
      return;
    }
    case 'audit': {
      const input = readListInput(AuditEventsInput, route.query);
      prefetch(pageKey('audit.events', input), () => api.call('audit.events', input));
      return;
    }
    default:
      return;
  }
}
