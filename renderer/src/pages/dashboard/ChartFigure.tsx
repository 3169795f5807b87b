import { Anchor, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A link to the list of rows behind a part's figures. */
export interface ListLink {
  href: string;
  label: string;
}

/** One part of the dashboard: a region named by its heading, with the link to the list behind it. */
export function DashboardPart({ id, title, link, children }: { id: string; title: string; link?: ListLink | undefined; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {link ? (
            <Anchor href={link.href} size="sm">
              {link.label}
            </Anchor>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A part with a chart: the chart is an image to assistive technology, described in words by
 * `summary`, followed by its text alternative (a table or list anyone can read, shown beside the
 * chart or behind "Show as table").
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
  link: ListLink;
  /** Put the text alternative behind a "Show as table" disclosure instead of beside the chart. */
  collapsed?: boolean;
}) {
  return (
    <DashboardPart id={id} title={title} link={link}>
      <div role="img" aria-label={`${summary} The figures are in the table that follows.`}>
        {chart}
      </div>
      {collapsed ? (
        <details>
          <summary>Show as table</summary>
          {alternative}
        </details>
      ) : (
        alternative
      )}
    </DashboardPart>
  );
}

/** A count in words: "1 risk", "3 risks". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
