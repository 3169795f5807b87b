import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import type { HistoryMode } from './use-list-state.ts';

/**
 * A list's free-text search: written to the list's state a moment after typing stops, replacing
 * the address rather than adding to the history; the field follows the state when Back or a
 * link changes it.
 */
export function ListSearch(props: {
  state: { input: { search: string }; set(change: { search: string }, how?: HistoryMode): void };
  label?: string;
  placeholder: string;
  w?: number | string;
}) {
  const { state } = props;
  const [text, setText] = useState(state.input.search);
  // The search changed elsewhere (Back, a link): show it (React's "adjust state while rendering").
  const [shown, setShown] = useState(state.input.search);
  if (shown !== state.input.search) {
    setShown(state.input.search);
    setText(state.input.search);
  }
  const write = useDebouncedCallback((search: string) => {
    if (search.trim() !== state.input.search) state.set({ search: search.trim() }, 'replace');
  }, 250);
  return (
    <TextInput
      type="search"
      label={props.label ?? 'Search'}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        write(e.currentTarget.value);
      }}
      w={props.w ?? 260}
    />
  );
}
