import { Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { Settings } from '../../electron/contract/index.ts';
import { useSettings } from './api/queries.ts';
import { hrefFor, useHashRoute, type Route } from './routing/use-hash-route.ts';
import { AppFrame } from './shell/AppFrame.tsx';
import { VendorFrame } from './shell/VendorFrame.tsx';

/**
 * Each page is its own chunk, loaded when first visited: the whole app in one bundle (1.6 MB,
 * charts included) made every first visit parse pages it did not show (docs/lists.md, "Speed").
 */
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const SystemsPage = lazy(() => import('./pages/systems/SystemsPage.tsx').then((m) => ({ default: m.SystemsPage })));
const NewSystemPage = lazy(() => import('./pages/systems/SystemFormPage.tsx').then((m) => ({ default: m.NewSystemPage })));
const EditSystemPage = lazy(() => import('./pages/systems/SystemFormPage.tsx').then((m) => ({ default: m.EditSystemPage })));
const SystemDetailPage = lazy(() => import('./pages/systems/SystemDetailPage.tsx').then((m) => ({ default: m.SystemDetailPage })));
const TemplatesPage = lazy(() => import('./pages/templates/TemplatesPage.tsx').then((m) => ({ default: m.TemplatesPage })));
const AssessmentsPage = lazy(() => import('./pages/assessments/AssessmentsPage.tsx').then((m) => ({ default: m.AssessmentsPage })));
const AssessmentPage = lazy(() => import('./pages/assessments/AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })));
const ReviewsPage = lazy(() => import('./pages/reviews/ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ComparePage = lazy(() => import('./pages/compare/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
const CommitteePage = lazy(() => import('./pages/committee/CommitteePage.tsx').then((m) => ({ default: m.CommitteePage })));
const RiskRegisterPage = lazy(() => import('./pages/risks/RiskRegisterPage.tsx').then((m) => ({ default: m.RiskRegisterPage })));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const VendorWorkspacePage = lazy(() => import('./pages/vendor/VendorWorkspacePage.tsx').then((m) => ({ default: m.VendorWorkspacePage })));
const VendorsPage = lazy(() => import('./pages/vendors/VendorsPage.tsx').then((m) => ({ default: m.VendorsPage })));
const VendorPage = lazy(() => import('./pages/vendors/VendorPage.tsx').then((m) => ({ default: m.VendorPage })));
const VendorSettingsPage = lazy(() => import('./pages/vendor/VendorSettingsPage.tsx').then((m) => ({ default: m.VendorSettingsPage })));
const VendorModeSetup = lazy(() => import('./pages/vendor/VendorModeSetup.tsx').then((m) => ({ default: m.VendorModeSetup })));
const AdminPage = lazy(() => import('./pages/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'systems':
      return <SystemsPage />;
    case 'systemNew':
      return <NewSystemPage />;
    case 'system':
      return <SystemDetailPage id={route.id} />;
    case 'systemEdit':
      return <EditSystemPage id={route.id} />;
    case 'templates':
      return <TemplatesPage />;
    case 'assessments':
      return <AssessmentsPage />;
    case 'assessment':
      return <AssessmentPage id={route.id} section={route.section} question={route.question} />;
    case 'reviews':
      return <ReviewsPage tab={route.tab} />;
    case 'reports':
      return <ReportsPage />;
    case 'committee':
      return <CommitteePage />;
    case 'compare':
      return <ComparePage ids={route.ids} />;
    case 'risks':
      return <RiskRegisterPage riskId={route.id} />;
    case 'settings':
      return <SettingsPage tab={route.tab} />;
    case 'vendor':
      // The vendor's own pages live in a vendor workspace (VendorModePage); here, how to make one.
      return <VendorModeSetup />;
    case 'vendors':
      return route.id ? <VendorPage id={route.id} /> : <VendorsPage />;
    case 'admin':
      return <AdminPage />;
    case 'audit':
      return <AuditPage />;
    case 'notFound':
      return (
        <Stack>
          <Title order={1}>Page not found</Title>
          <Text>Vigil has no page at {route.path}.</Text>
          <Anchor href={hrefFor({ page: 'systems' })}>Go to the inventory</Anchor>
        </Stack>
      );
  }
}

/** A vendor workspace has two pages: its requests (every other address lands there) and its settings. */
function VendorModePage({ route, settings }: { route: Route; settings: Settings }) {
  if (route.page === 'settings') return <VendorSettingsPage settings={settings} />;
  return <VendorWorkspacePage id={route.page === 'vendor' ? route.id : undefined} organisation={settings.organisation} />;
}

const pageLoader = (
  <Stack align="center" py="xl">
    <Loader aria-label="Loading the page" />
  </Stack>
);

/**
 * The workspace mode (Settings, docs/vendor-mode.md) decides the whole app: a hospital's frame
 * and pages, or a vendor's. Desktop and browser mode both read it from settings.get. Only an
 * answer saying "vendor" makes the vendor's app: when settings cannot be read (a team server
 * waiting for its sign-in, which Settings → Use a team server offers; a damaged file) the
 * hospital's frame stays, each page saying what it could not load.
 */
export function App() {
  const route = useHashRoute();
  const settings = useSettings();
  // The last answer is kept: a change of where the records come from (a team server) resets
  // every query, and the whole app must not unmount while settings are fetched again.
  const [known, setKnown] = useState<Settings | null>(null);
  if (settings.isSuccess && settings.data !== known) setKnown(settings.data);
  if (settings.isPending && known === null) return pageLoader;
  const current = settings.isSuccess ? settings.data : known;
  if (current?.workspaceMode === 'vendor') {
    return (
      <VendorFrame route={route} organisation={current.organisation}>
        <Suspense fallback={pageLoader}>
          <VendorModePage route={route} settings={current} />
        </Suspense>
      </VendorFrame>
    );
  }
  return (
    <AppFrame route={route}>
      <Suspense fallback={pageLoader}>
        <Page route={route} />
      </Suspense>
    </AppFrame>
  );
}
