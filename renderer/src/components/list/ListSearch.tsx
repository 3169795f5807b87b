import { ListTextFilter } from './ListTextFilter.tsx';
import type { HistoryMode } from './use-list-state.ts';

/** A list's free-text search, replacing the address while it is typed (Back skips the letters). */
export function ListSearch(props: {
  state: { input: { search: string }; set(change: { search: string }, how?: HistoryMode): void };
  label?: string;
  placeholder: string;
  w?: number | string;
}) {
  const { state } = props;
  return (
    <ListTextFilter
      type="search"
      label={props.label ?? 'Search'}
      placeholder={props.placeholder}
      value={state.input.search}
      onChange={(search) => state.set({ search }, 'replace')}
      w={props.w}
    />
  );
}
