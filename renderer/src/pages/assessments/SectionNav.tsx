import { Badge, NavLink, Stack, Text } from '@mantine/core';
import type { Questionnaire } from '../../../../electron/contract/index.ts';
import { hrefFor } from '../../routing/use-hash-route.ts';
import type { SectionProgress, SectionView } from './assessment-model.ts';

/** "3 of 5 answered · 1 required left · 2 flagged" */
export function progressText(p: SectionProgress): string {
  const parts = [`${p.answered} of ${p.visible} answered`];
  const requiredLeft = p.required - p.requiredAnswered;
  if (requiredLeft > 0) parts.push(`${requiredLeft} required left`);
  if (p.flagged > 0) parts.push(`${p.flagged} flagged`);
  return parts.join(' · ');
}

/** Sections of each pinned questionnaire with their progress; the current one is marked. */
export function SectionNav({
  assessmentId,
  questionnaires,
  sections,
  progress,
  current,
  onSelect,
}: {
  assessmentId: string;
  questionnaires: readonly Questionnaire[];
  sections: readonly SectionView[];
  progress: ReadonlyMap<string, SectionProgress>;
  current: string;
  onSelect: (sectionId: string) => void;
}) {
  return (
    <Stack component="nav" aria-label="Sections" gap="sm">
      {questionnaires.map((q) => {
        const asked = sections.filter((s) => s.questionnaireId === q.id && s.questions.length > 0);
        const notAsked = sections.filter((s) => s.questionnaireId === q.id && s.questions.length === 0);
        return (
          <div key={q.id}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="xs" mb={4}>
              {q.title}
            </Text>
            {asked.map((s) => {
              const p = progress.get(s.id);
              const complete = p !== undefined && p.answered === p.visible;
              return (
                <NavLink
                  key={s.id}
                  href={hrefFor({ page: 'assessment', id: assessmentId, section: s.id })}
                  onClick={(event) => {
                    event.preventDefault();
                    onSelect(s.id);
                  }}
                  label={s.title}
                  description={p ? progressText(p) : undefined}
                  active={s.id === current}
                  aria-current={s.id === current ? 'location' : undefined}
                  rightSection={
                    p ? (
                      <Badge size="sm" variant={complete ? 'filled' : 'light'} color={complete ? 'teal' : 'gray'} aria-hidden>
                        {p.answered}/{p.visible}
                      </Badge>
                    ) : null
                  }
                  styles={{ body: { lineHeight: 1.3 }, label: { fontWeight: 500, display: 'block' }, description: { marginTop: 3, display: 'block' } }}
                />
              );
            })}
            {notAsked.length > 0 ? (
              <Text size="xs" c="dimmed" px="xs" mt={4}>
                Not asked for this system: {notAsked.map((s) => s.title).join(', ')}
              </Text>
            ) : null}
          </div>
        );
      })}
    </Stack>
  );
}
