import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { hrefFor, type Route } from '../routing/use-hash-route.ts';
import { pageKey } from '../routing/page-key.ts';
import { screenOf } from '../routing/screen.ts';
import { ShellLayout } from './ShellLayout.tsx';

/**
 * The frame of a vendor workspace (docs/vendor-mode.md): the vendor's requests and its few
 * settings, under the vendor's name. Nothing of the hospital's (people, sign-offs, reviews, the
 * register) is shown or asked for: the dispatcher would refuse it anyway.
 */
export function VendorFrame({ route, organisation, children }: { route: Route; organisation: string; children: ReactNode }) {
  const onSettings = route.page === 'settings';
  const onGlossary = route.page === 'glossary';
  return (
    <ShellLayout
      pageKey={pageKey(route)}
      screen={screenOf(route, 'vendor')}
      subtitle="Vendor workspace"
      headerRight={
        <Text size="sm" data-testid="vendor-organisation">
          {organisation}
        </Text>
      }
      nav={[
        { label: 'Requests', href: hrefFor({ page: 'vendor' }), active: !onSettings && !onGlossary },
        { label: 'Settings', href: hrefFor({ page: 'settings' }), active: onSettings },
        { label: 'Glossary', href: hrefFor({ page: 'glossary' }), active: onGlossary },
      ]}
    >
      {children}
    </ShellLayout>
  );
}
