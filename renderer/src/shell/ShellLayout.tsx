import { AppShell, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAppInfo } from '../api/queries.ts';
import { ReadOnlyBanner } from '../integrity/ReadOnlyBanner.tsx';
import type { Screen } from '../routing/screen.ts';
// The focus ring and skip link styles: loaded with the frame, after Mantine's (main.tsx imports those first).
import './focus.css';
import { useFocusOnRefusal, useRouteFocus } from './focus-rules.ts';
import { mainContentId, SkipLinks } from './skip-links.tsx';

export interface ShellNavItem {
  label: string;
  href: string;
  active: boolean;
  rightSection?: ReactNode;
}

/**
 * The frame both workspace modes share (docs/vendor-mode.md): skip links, header, main
 * navigation, the read-only banner, and where focus goes (docs/keyboard.md). `pageKey` says
 * which page is shown (routing/page-key.ts).
 */
export function ShellLayout({
  subtitle,
  headerRight,
  nav,
  pageKey,
  screen,
  children,
}: {
  subtitle: string;
  headerRight: ReactNode;
  nav: ShellNavItem[];
  pageKey: string;
  /** Which screen is shown (routing/screen.ts), marked on the main landmark for tests. */
  screen: Screen;
  children: ReactNode;
}) {
  const info = useAppInfo();
  useRouteFocus(pageKey);
  useFocusOnRefusal();
  return (
    <SkipLinks>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={2} size="h3">
                Vigil
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="md">
                {subtitle}
              </Text>
            </Group>
            {headerRight}
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Main navigation">
          <Stack justify="space-between" h="100%">
            <div>
              {nav.map((s) => (
                <NavLink key={s.label} href={s.href} label={s.label} rightSection={s.rightSection} active={s.active} aria-current={s.active ? 'page' : undefined} />
              ))}
            </div>
            {info.data ? (
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                Vigil {info.data.version} · {info.data.databasePath}
              </Text>
            ) : null}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main id={mainContentId} tabIndex={-1} style={{ outline: 'none' }} data-screen={screen}>
          <ReadOnlyBanner />
          {children}
        </AppShell.Main>
      </AppShell>
    </SkipLinks>
  );
}
