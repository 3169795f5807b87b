import { Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { Settings } from '../../electron/contract/index.ts';
import { useSettings } from './api/queries.ts';
import { pageChunks } from './routing/page-chunks.ts';
import { hrefFor, useHashRoute, type Route } from './routing/use-hash-route.ts';
import { AppFrame } from './shell/AppFrame.tsx';
import { VendorFrame } from './shell/VendorFrame.tsx';

/**
 * Each page is its own chunk, loaded when first visited: the whole app in one bundle (1.6 MB,
 * charts included) made every first visit parse pages it did not show (docs/lists.md, "Speed").
 * The chunks are declared in routing/page-chunks.ts, so start-up can ask for the first one early.
 */
const DashboardPage = lazy(() => pageChunks.dashboard().then((m) => ({ default: m.DashboardPage })));
const SystemsPage = lazy(() => pageChunks.systems().then((m) => ({ default: m.SystemsPage })));
const NewSystemPage = lazy(() => pageChunks.systemForm().then((m) => ({ default: m.NewSystemPage })));
const EditSystemPage = lazy(() => pageChunks.systemForm().then((m) => ({ default: m.EditSystemPage })));
const SystemDetailPage = lazy(() => pageChunks.system().then((m) => ({ default: m.SystemDetailPage })));
const TemplatesPage = lazy(() => pageChunks.templates().then((m) => ({ default: m.TemplatesPage })));
const AssessmentsPage = lazy(() => pageChunks.assessments().then((m) => ({ default: m.AssessmentsPage })));
const AssessmentPage = lazy(() => pageChunks.assessment().then((m) => ({ default: m.AssessmentPage })));
const ReviewsPage = lazy(() => pageChunks.reviews().then((m) => ({ default: m.ReviewsPage })));
const ReportsPage = lazy(() => pageChunks.reports().then((m) => ({ default: m.ReportsPage })));
const ComparePage = lazy(() => pageChunks.compare().then((m) => ({ default: m.ComparePage })));
const CommitteePage = lazy(() => pageChunks.committee().then((m) => ({ default: m.CommitteePage })));
const RiskRegisterPage = lazy(() => pageChunks.risks().then((m) => ({ default: m.RiskRegisterPage })));
const SettingsPage = lazy(() => pageChunks.settings().then((m) => ({ default: m.SettingsPage })));
const VendorWorkspacePage = lazy(() => pageChunks.vendorWorkspace().then((m) => ({ default: m.VendorWorkspacePage })));
const VendorsPage = lazy(() => pageChunks.vendors().then((m) => ({ default: m.VendorsPage })));
const VendorPage = lazy(() => pageChunks.vendor().then((m) => ({ default: m.VendorPage })));
const VendorSettingsPage = lazy(() => pageChunks.vendorSettings().then((m) => ({ default: m.VendorSettingsPage })));
const VendorModeSetup = lazy(() => pageChunks.vendorModeSetup().then((m) => ({ default: m.VendorModeSetup })));
const AdminPage = lazy(() => pageChunks.admin().then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => pageChunks.audit().then((m) => ({ default: m.AuditPage })));
const GlossaryPage = lazy(() => pageChunks.glossary().then((m) => ({ default: m.GlossaryPage })));

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
    case 'glossary':
      return <GlossaryPage term={route.term} />;
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

/** A vendor workspace has its requests (every other address lands there), its settings and the glossary. */
function VendorModePage({ route, settings }: { route: Route; settings: Settings }) {
  if (route.page === 'settings') return <VendorSettingsPage settings={settings} />;
  if (route.page === 'glossary') return <GlossaryPage term={route.term} />;
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
