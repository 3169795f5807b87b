import { Alert, Anchor, Code, Collapse, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { hrefFor } from '../routing/use-hash-route.ts';
import { errorWords, inWords } from '../text/messages.ts';

/** Refusals that only a restore can lift: say where to do it. */
const needsRestore = new Set(['READ_ONLY', 'DATABASE_CORRUPT']);

/**
 * A message carrying a multi-line technical report in brackets (a damaged database's start-up
 * check lists every bad page) reads as a wall of page numbers: the report is folded away.
 */
export function foldMessage(message: string): { short: string; report: string | null } {
  const open = message.indexOf('(');
  const close = message.lastIndexOf(')');
  if (open < 0 || close < open) return { short: message, report: null };
  const report = message.slice(open + 1, close);
  if (!report.includes('\n')) return { short: message, report: null };
  return { short: `${message.slice(0, open)}(…)${message.slice(close + 1)}`, report };
}

/**
 * A refusal or failure from the core in words for people (text/messages.ts): the page's title,
 * or the catalogue's for the kind of refusal; the core's sentence with its codes read as labels;
 * and what to do about it.
 */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const [showReport, setShowReport] = useState(false);
  const shown = errorWords(error);
  const code = shown.code;
  // A technical report is folded away as the core wrote it; only the sentence around it is reworded.
  const folded = foldMessage(error instanceof Error ? error.message : String(error));
  const report = folded.report;
  const short = report === null ? shown.message : inWords(folded.short);
  return (
    <Alert color="red" title={title ?? shown.title} role="alert">
      <Stack gap={4}>
        <Text size="sm">{short}</Text>
        {code && !needsRestore.has(code) ? <Text size="sm">{shown.todo}</Text> : null}
        {report ? (
          <div>
            <Anchor component="button" type="button" size="sm" onClick={() => setShowReport((v) => !v)} aria-expanded={showReport}>
              {showReport ? 'Hide the details' : 'Show the details'}
            </Anchor>
            <Collapse expanded={showReport}>
              <Code block mah={160} style={{ overflow: 'auto', whiteSpace: 'pre-wrap' }}>
                {report}
              </Code>
            </Collapse>
          </div>
        ) : null}
        {code && needsRestore.has(code) ? (
          <Text size="sm">
            <Anchor href={hrefFor({ page: 'settings', tab: 'integrity' })}>Restore a backup in Settings → Integrity</Anchor>
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
