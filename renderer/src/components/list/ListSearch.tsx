import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A list's text filter (its search, a vendor, an actor): typed freely, sent to the list a
 * moment after typing stops, so the address and the query change once per pause rather than
 * per letter. A change from outside (Back, a link) shows in the field.
 */
export function ListSearch({
  label,
  placeholder,
  value,
  onChange,
  w,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  w?: number;
}) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  const send = useDebouncedCallback((next: string) => {
    sent.current = next.trim();
    onChange(next.trim());
  }, 250);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        send(event.currentTarget.value);
      }}
      w={w}
    />
  );
}
