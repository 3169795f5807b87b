import { Anchor, Box, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { hrefFor } from '../routing/use-hash-route.ts';
import { glossaryAnchor, glossaryFrameworks, glossaryTerms } from './glossary.ts';

/** One entry: its name (focusable by script, the target of a deep link), its definition and more. */
function Entry({ id, name, selected, definition, children }: { id: string; name: string; selected: boolean; definition: string; children: ReactNode }) {
  return (
    <Box
      component="div"
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)', background: selected ? 'var(--vigil-color-selected)' : undefined, scrollMarginTop: 72 }}
    >
      <Text component="dt" fw={700} id={glossaryAnchor(id)} tabIndex={-1} style={{ outlineOffset: 2 }}>
        {name}
      </Text>
      <Text component="dd" m={0}>
        {definition}
      </Text>
      {children}
    </Box>
  );
}

/** A titled section holding a definition list. */
function EntryList({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`glossary-${id}-heading`}>
      <Title order={2} size="h3" id={`glossary-${id}-heading`} mb="xs">
        {title}
      </Title>
      <Stack gap={4} component="dl" m={0}>
        {children}
      </Stack>
    </section>
  );
}

/**
 * The glossary (issue 19, docs/accessibility.md "Help where it is needed"): the words of risk
 * assessment and the frameworks Vigil cites, in plain language. `term` (from #/glossary?term=…)
 * is scrolled to and focused.
 */
export function GlossaryPage({ term }: { term?: string | undefined }) {
  useEffect(() => {
    if (!term) return;
    // After the frame has put focus on the new page's heading (focus-rules.ts), so this stays.
    const timer = window.setTimeout(() => {
      const target = document.getElementById(glossaryAnchor(term));
      if (!target) return;
      // The entry (its box keeps clear of the header), not only its name.
      (target.parentElement ?? target).scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [term]);
  return (
    <Stack gap="lg" maw={820}>
      <div>
        <Title order={1}>Glossary</Title>
        <Text c="dimmed">The words Vigil uses for risk, in plain language, and the frameworks its threats and safeguards cite.</Text>
      </div>
      <Group gap="xs" component="nav" aria-label="Glossary contents">
        {glossaryTerms.map((t) => (
          <Anchor key={t.id} href={hrefFor({ page: 'glossary', term: t.id })} size="sm">
            {t.term}
          </Anchor>
        ))}
      </Group>
      <EntryList id="terms" title="Terms">
        {glossaryTerms.map((t) => (
          <Entry key={t.id} id={t.id} name={t.term} selected={t.id === term} definition={t.definition}>
            {t.alsoCalled && t.alsoCalled.length > 0 ? (
              <Text component="dd" m={0} size="sm" c="dimmed">
                Also called: {t.alsoCalled.join(', ')}
              </Text>
            ) : null}
          </Entry>
        ))}
      </EntryList>
      <EntryList id="frameworks" title="Frameworks Vigil cites">
        {glossaryFrameworks.map((f) => (
          <Entry key={f.framework} id={f.framework} name={f.name} selected={f.framework === term} definition={f.definition}>
            <Text component="dd" m={0} size="sm">
              IDs: {f.ids} For example: {f.examples.join(', ')}.
            </Text>
          </Entry>
        ))}
      </EntryList>
    </Stack>
  );
}
