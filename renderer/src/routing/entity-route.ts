import type { Route } from './use-hash-route.ts';

/** The page of a record named by its id (SYS-…, ASM-…, RSK-…), or null for ids without a page. */
export function entityRoute(id: string): Route | null {
  if (/^ASM-[A-Z0-9]+$/.test(id)) return { page: 'assessment', id };
  if (/^RSK-[A-Z0-9]+$/.test(id)) return { page: 'risks', id };
  if (/^SYS-[A-Z0-9-]+$/.test(id)) return { page: 'system', id };
  return null;
}
