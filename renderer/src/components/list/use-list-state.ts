import { useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ListPage } from '../../routing/list-href.ts';
import { navigate, replaceRoute, useHashRoute, type ListQuery, type Route } from '../../routing/use-hash-route.ts';
import { changedInput, listParams, readListInput, type PagedFields, type PagedSchema } from './list-state.ts';

/**
 * How a change reaches the history: `push` for a deliberate step (a filter chosen, a sort, a
 * page) that Back should undo; `replace` while a search is typed, so Back does not step
 * through every letter.
 */
export type HistoryMode = 'push' | 'replace';

/** A paged list's input and the way to change it; a change to anything but the page goes back to page 1. */
export interface ListState<I extends PagedFields> {
  input: I;
  set(change: Partial<I>, how?: HistoryMode): void;
}

function listRoute(page: ListPage, query: ListQuery, current: Route): Route {
  // The register keeps an open risk's drawer where it is; the other lists have no such part.
  if (page === 'risks') return { page, id: current.page === 'risks' ? current.id : undefined, query };
  return { page, query };
}

/**
 * A list page's state, held in its address (docs/lists.md, "Addresses"): read from the route,
 * checked against the paged method's input schema (invalid parameters dropped, the rest kept),
 * and written back as the route's query.
 */
export function useListState<S extends PagedSchema>(page: ListPage, schema: S): ListState<z.output<S> & PagedFields> {
  type I = z.output<S> & PagedFields;
  const route = useHashRoute();
  const query = route.page === page ? route.query : undefined;
  const input = useMemo(() => readListInput(schema, query) as I, [schema, query]);
  const set = useCallback(
    (change: Partial<I>, how: HistoryMode = 'push') => {
      const next = changedInput(input, change);
      const stringified = Object.fromEntries(Object.entries(listParams(schema, next)).map(([k, v]) => [k, v === true ? '1' : String(v)]));
      const target = listRoute(page, stringified, route);
      if (how === 'replace') replaceRoute(target);
      else navigate(target);
    },
    [input, page, route, schema],
  );
  return { input, set };
}

/**
 * The same state held by the component instead of the address: a list inside another page (a
 * system's own risks), with some filters fixed by that page.
 */
export function useLocalListState<S extends PagedSchema>(schema: S, fixed: Partial<z.output<S>> = {}): ListState<z.output<S> & PagedFields> {
  type I = z.output<S> & PagedFields;
  const [state, setState] = useState<I>(() => ({ ...(schema.parse({}) as I), ...fixed }));
  const set = useCallback((change: Partial<I>) => setState((current) => changedInput(current, change)), []);
  return { input: state, set };
}
