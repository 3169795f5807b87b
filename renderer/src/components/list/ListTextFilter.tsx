import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

/**
 * A list's text filter (its search, a vendor, an actor): typed freely and sent a moment after
 * typing stops, so the address and the query change once per pause rather than per letter; the
 * field follows the list's state when Back or a link changes it.
 */
export function ListTextFilter(props: {
  label: string;
  placeholder: string;
  value: string;
  /** The trimmed text, '' when cleared. */
  onChange: (value: string) => void;
  type?: 'search' | 'text';
  w?: number | string;
}) {
  const [text, setText] = useState(props.value);
  // The value changed elsewhere (Back, a link): show it (React's "adjust state while rendering").
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value);
  }
  const write = useDebouncedCallback((next: string) => {
    if (next.trim() !== props.value) props.onChange(next.trim());
  }, 250);
  return (
    <TextInput
      type={props.type ?? 'text'}
      label={props.label}
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
