import { Anchor, VisuallyHidden } from '@mantine/core';
import { hrefFor } from '../routing/use-hash-route.ts';
import { findGlossaryEntry } from './glossary.ts';

/** A small "?" beside a heading or column name, opening the glossary at that term. */
export function GlossaryLink({ term }: { term: string }) {
  const entry = findGlossaryEntry(term);
  if (!entry) return null;
  const name = 'term' in entry ? entry.term : entry.name;
  return (
    <Anchor href={hrefFor({ page: 'glossary', term })} size="xs" fw={700} ml={4} onClick={(event) => event.stopPropagation()}>
      ?<VisuallyHidden> What “{name}” means (glossary)</VisuallyHidden>
    </Anchor>
  );
}
