import { Badge, Group, Tooltip } from '@mantine/core';
import type { ReferenceItem, Refs } from '../../../electron/contract/index.ts';

const frameworkLabels: Record<keyof Refs, string> = {
  atlas: 'ATLAS',
  owasp: 'OWASP',
  nistAiRmf: 'NIST AI RMF',
  hipaa: 'HIPAA',
  euAiAct: 'EU AI Act',
  fda: 'FDA',
  hti1: 'HTI-1',
  chai: 'CHAI',
  mds2: 'MDS2',
  iso: 'ISO',
};

/** Framework references as badges; named items (HTI-1, CHAI, MDS2, FDA) show their title on hover. */
export function RefBadges({ refs, registry }: { refs: Refs; registry?: ReadonlyMap<string, ReferenceItem> }) {
  const entries = (Object.keys(frameworkLabels) as (keyof Refs)[]).flatMap((framework) =>
    (refs[framework] ?? []).map((id) => ({ framework, id })),
  );
  return (
    <Group gap={4} aria-label="Framework references">
      {entries.map(({ framework, id }) => {
        const title = registry?.get(id)?.title;
        const badge = (
          <Badge key={`${framework}:${id}`} variant="outline" color="gray" tt="none" fw={500}>
            {framework === 'hipaa' ? `HIPAA ${id}` : framework === 'nistAiRmf' ? `AI RMF ${id}` : framework === 'euAiAct' ? `EU AI Act ${id}` : id}
          </Badge>
        );
        return title ? (
          <Tooltip key={`${framework}:${id}`} label={`${frameworkLabels[framework]}: ${title}`} withArrow>
            {badge}
          </Tooltip>
        ) : (
          badge
        );
      })}
    </Group>
  );
}
