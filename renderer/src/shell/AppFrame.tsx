import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAppInfo } from '../api/queries.ts';
import { hrefFor, type Route } from '../routing/use-hash-route.ts';

const sections: { label: string; route: Route; matches: Route['page'][] }[] = [
  { label: 'Inventory', route: { page: 'systems' }, matches: ['systems', 'system', 'systemNew', 'systemEdit'] },
  { label: 'Assessments', route: { page: 'assessments' }, matches: ['assessments', 'assessment'] },
  { label: 'Templates', route: { page: 'templates' }, matches: ['templates'] },
];

/** Navigation frame. Lists only pages that work today. */
export function AppFrame({ route, children }: { route: Route; children: ReactNode }) {
  const info = useAppInfo();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={2} size="h3">
            Vigil
          </Title>
          <Text size="sm" c="dimmed">
            AI security risk workbench
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <Stack justify="space-between" h="100%">
          <div>
            {sections.map((s) => (
              <NavLink
                key={s.label}
                href={hrefFor(s.route)}
                label={s.label}
                active={s.matches.includes(route.page)}
                aria-current={s.matches.includes(route.page) ? 'page' : undefined}
              />
            ))}
          </div>
          {info.data ? (
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              Vigil {info.data.version} · {info.data.databasePath}
            </Text>
          ) : null}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
