import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.tsx';

/** The dashboard's figures; fetched afresh whenever the page is opened (they change with every command). */
export const dashboardKey = ['dashboard'] as const;

export function useDashboard() {
  const api = useApi();
  return useQuery({ queryKey: dashboardKey, queryFn: () => api.call('dashboard.summary', {}) });
}
