import { useMemo, type ReactNode } from 'react';
import { ApiProvider, useApi } from '../api/api-context.tsx';
import { withActing } from '../api/with-acting.ts';
import { useActingAs } from './acting-as.ts';

/**
 * Below this, every mutating call names the person chosen under "Acting as" (when one is), so
 * answers, evidence, systems and imports are recorded under that person, not the OS login.
 */
export function ActingApiProvider({ children }: { children: ReactNode }) {
  const base = useApi();
  const { by } = useActingAs();
  const client = useMemo(() => withActing(base, () => by), [base, by]);
  return <ApiProvider client={client}>{children}</ApiProvider>;
}
