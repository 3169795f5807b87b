import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAppInfo } from '../api/queries.ts';
import { ReadOnlyBanner } from '../integrity/ReadOnlyBanner.tsx';
import { hrefFor, type Route } from '../routing/use-hash-route.ts';

const sections: { label: string; route: Route; matches: Route['page'][] }[] = [
  { label: 'Requests', route: { page: 'vendor' }, matches: ['vendor'] },
  { label: 'Settings', route: { page: 'settings' }, matches: ['settings'] },
];

/**
 * The frame of a vendor workspace (docs/vendor-mode.md): the vendor's requests and its few
 * settings, under the vendor's name. Nothing of the hospital's (people, sign-offs, reviews, the
 * register) is shown or asked for: the dispatcher would refuse it anyway.
 */
export function VendorFrame({ route, organisation, children }: { route: Route; organisation: string; children: ReactNode }) {
  const info = useAppInfo();
  const current = route.page === 'settings' ? 'settings' : 'vendor';
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={2} size="h3">
              Vigil
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              Vendor workspace
            </Text>
          </Group>
          <Text size="sm" data-testid="vendor-organisation">
            {organisation}
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
                active={s.matches.includes(current)}
                aria-current={s.matches.includes(current) ? 'page' : undefined}
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
      <AppShell.Main>
        <ReadOnlyBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
