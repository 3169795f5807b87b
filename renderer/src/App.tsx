import { Anchor, Stack, Text, Title } from '@mantine/core';
import { AssessmentPage } from './pages/assessments/AssessmentPage.tsx';
import { AssessmentsPage } from './pages/assessments/AssessmentsPage.tsx';
import { EditSystemPage, NewSystemPage } from './pages/systems/SystemFormPage.tsx';
import { SystemsPage } from './pages/systems/SystemsPage.tsx';
import { DashboardPage } from './pages/dashboard/DashboardPage.tsx';
import { SystemDetailPage } from './pages/systems/SystemDetailPage.tsx';
import { CommitteePage } from './pages/committee/CommitteePage.tsx';
import { ReportsPage } from './pages/reports/ReportsPage.tsx';
import { ReviewsPage } from './pages/reviews/ReviewsPage.tsx';
import { RiskRegisterPage } from './pages/risks/RiskRegisterPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { TemplatesPage } from './pages/templates/TemplatesPage.tsx';
import { VendorWorkspacePage } from './pages/vendor/VendorWorkspacePage.tsx';
import { AdminPage } from './pages/admin/AdminPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { hrefFor, useHashRoute, type Route } from './routing/use-hash-route.ts';
import { AppFrame } from './shell/AppFrame.tsx';

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
    case 'risks':
      return <RiskRegisterPage riskId={route.id} />;
    case 'settings':
      return <SettingsPage tab={route.tab} />;
    case 'vendor':
      return <VendorWorkspacePage id={route.id} />;
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

export function App() {
  const route = useHashRoute();
  return (
    <AppFrame route={route}>
      <Page route={route} />
    </AppFrame>
  );
}
