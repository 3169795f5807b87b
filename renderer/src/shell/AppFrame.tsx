import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useReviewQueue } from '../api/queries.ts';
import { ActingAsControl } from '../acting/ActingAsControl.tsx';
import { useActingAs } from '../acting/acting-as.ts';
import { hrefFor, type Route } from '../routing/use-hash-route.ts';
import { SignedInControl } from '../team/SignedInControl.tsx';
import { useSignedInAccount } from '../team/signed-in-account.ts';
import { pageKey } from '../routing/page-key.ts';
import { screenOf } from '../routing/screen.ts';
import { ShellLayout } from './ShellLayout.tsx';

const sections: { label: string; route: Route; matches: Route['page'][] }[] = [
  { label: 'Dashboard', route: { page: 'dashboard' }, matches: ['dashboard'] },
  { label: 'Inventory', route: { page: 'systems' }, matches: ['systems', 'system', 'systemNew', 'systemEdit'] },
  { label: 'Vendors', route: { page: 'vendors' }, matches: ['vendors'] },
  { label: 'Assessments', route: { page: 'assessments' }, matches: ['assessments', 'assessment', 'compare'] },
  { label: 'Reviews', route: { page: 'reviews' }, matches: ['reviews'] },
  { label: 'Risk register', route: { page: 'risks' }, matches: ['risks'] },
  { label: 'Committee meeting', route: { page: 'committee' }, matches: ['committee'] },
  { label: 'Reports', route: { page: 'reports' }, matches: ['reports'] },
  { label: 'Templates', route: { page: 'templates' }, matches: ['templates'] },
  { label: 'Audit log', route: { page: 'audit' }, matches: ['audit'] },
  { label: 'Settings', route: { page: 'settings' }, matches: ['settings'] },
  { label: 'Glossary', route: { page: 'glossary' }, matches: ['glossary'] },
  { label: 'Vendor workspace', route: { page: 'vendor' }, matches: ['vendor'] },
];

/** How many items await the person acting, next to "Reviews". */
function AwaitingBadge() {
  const { by } = useActingAs();
  const queue = useReviewQueue(by?.name ?? null);
  const count = (queue.data?.assessments.length ?? 0) + (queue.data?.risks.length ?? 0);
  if (!by || count === 0) return null;
  return (
    <Badge size="sm" circle aria-label={`${count} awaiting you`}>
      {count}
    </Badge>
  );
}

/** Accounts and sign-ins: on a team server, for its administrators only. */
const adminSection = { label: 'Accounts', route: { page: 'admin' }, matches: ['admin'] } satisfies (typeof sections)[number];

/** Navigation frame of a hospital workspace. Lists only pages that work today. */
export function AppFrame({ route, children }: { route: Route; children: ReactNode }) {
  const account = useSignedInAccount();
  const shown = account?.administrator ? [...sections, adminSection] : sections;
  return (
    <ShellLayout
      pageKey={pageKey(route)}
      screen={screenOf(route, 'hospital')}
      subtitle="AI security risk workbench"
      headerRight={account ? <SignedInControl account={account} /> : <ActingAsControl />}
      nav={shown.map((s) => ({
        label: s.label,
        href: hrefFor(s.route),
        active: s.matches.includes(route.page),
        rightSection: s.route.page === 'reviews' ? <AwaitingBadge /> : undefined,
      }))}
    >
      {children}
    </ShellLayout>
  );
}
