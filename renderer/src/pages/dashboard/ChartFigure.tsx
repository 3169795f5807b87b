import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One part of the dashboard: a heading, the chart (an image to assistive technology, described
 * in words by `summary`), its text alternative (a table or list anyone can read, shown beside
 * the chart or behind "Show as table") and a link to the list of rows behind the figures.
 */
export function ChartFigure({
  id,
  title,
  summary,
  chart,
  alternative,
  link,
  collapsed = false,
}: {
  id: string;
  title: string;
  /** The chart in one sentence, for screen readers. */
  summary: string;
  chart: ReactNode;
  alternative: ReactNode;
  link: { href: string; label: string };
  /** Put the text alternative behind a "Show as table" disclosure instead of beside the chart. */
  collapsed?: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Anchor href={link.href} size="sm">
            {link.label}
          </Anchor>
        </Group>
        <div role="img" aria-label={`${summary} The figures are in the table that follows.`}>
          {chart}
        </div>
        {collapsed ? (
          <details>
            <summary>
              <Text span size="sm">
                Show as table
              </Text>
            </summary>
            {alternative}
          </details>
        ) : (
          alternative
        )}
      </Stack>
    </Paper>
  );
}

/** A count in words: "1 risk", "3 risks". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
