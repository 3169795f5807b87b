import { Anchor, Box, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { hrefFor } from '../routing/use-hash-route.ts';
import { glossaryAnchor, glossaryFrameworks, glossaryTerms } from './glossary.ts';

/** One entry: its name (focusable by script, the target of a deep link) and its words. */
function Entry({ id, name, selected, children }: { id: string; name: string; selected: boolean; children: React.ReactNode }) {
  return (
    <Box
      component="div"
      p="xs"
      style={{ borderRadius: 'var(--mantine-radius-sm)', background: selected ? 'var(--vigil-color-selected)' : undefined, scrollMarginTop: 72 }}
    >
      <Text component="dt" fw={700} id={glossaryAnchor(id)} tabIndex={-1} style={{ outlineOffset: 2 }}>
        {name}
      </Text>
      {children}
    </Box>
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
      target.scrollIntoView({ block: 'start' });
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
      <section aria-labelledby="glossary-terms-heading">
        <Title order={2} size="h3" id="glossary-terms-heading" mb="xs">
          Terms
        </Title>
        <Stack gap={4} component="dl" m={0}>
          {glossaryTerms.map((t) => (
            <Entry key={t.id} id={t.id} name={t.term} selected={t.id === term}>
              <Text component="dd" m={0}>
                {t.definition}
              </Text>
              {t.alsoCalled && t.alsoCalled.length > 0 ? (
                <Text component="dd" m={0} size="sm" c="dimmed">
                  Also called: {t.alsoCalled.join(', ')}
                </Text>
              ) : null}
            </Entry>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="glossary-frameworks-heading">
        <Title order={2} size="h3" id="glossary-frameworks-heading" mb="xs">
          Frameworks Vigil cites
        </Title>
        <Stack gap={4} component="dl" m={0}>
          {glossaryFrameworks.map((f) => (
            <Entry key={f.framework} id={f.framework} name={f.name} selected={f.framework === term}>
              <Text component="dd" m={0}>
                {f.definition}
              </Text>
              <Text component="dd" m={0} size="sm">
                IDs: {f.ids} For example: {f.examples.join(', ')}.
              </Text>
            </Entry>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
