import type { Route } from './use-hash-route.ts';

/**
 * Each page's chunk (App.tsx renders them with React.lazy). Kept in one map so start-up can ask
 * for the first page's chunk at once (prefetch-route.ts) instead of after the frame's first
 * render: the browser loads a module once, so the lazy page then finds it loaded or on its way.
 */
export const pageChunks = {
  dashboard: () => import('../pages/dashboard/DashboardPage.tsx'),
  systems: () => import('../pages/systems/SystemsPage.tsx'),
  systemForm: () => import('../pages/systems/SystemFormPage.tsx'),
  system: () => import('../pages/systems/SystemDetailPage.tsx'),
  templates: () => import('../pages/templates/TemplatesPage.tsx'),
  assessments: () => import('../pages/assessments/AssessmentsPage.tsx'),
  assessment: () => import('../pages/assessments/AssessmentPage.tsx'),
  reviews: () => import('../pages/reviews/ReviewsPage.tsx'),
  reports: () => import('../pages/reports/ReportsPage.tsx'),
  compare: () => import('../pages/compare/ComparePage.tsx'),
  committee: () => import('../pages/committee/CommitteePage.tsx'),
  risks: () => import('../pages/risks/RiskRegisterPage.tsx'),
  settings: () => import('../pages/settings/SettingsPage.tsx'),
  vendorWorkspace: () => import('../pages/vendor/VendorWorkspacePage.tsx'),
  vendors: () => import('../pages/vendors/VendorsPage.tsx'),
  vendor: () => import('../pages/vendors/VendorPage.tsx'),
  vendorSettings: () => import('../pages/vendor/VendorSettingsPage.tsx'),
  vendorModeSetup: () => import('../pages/vendor/VendorModeSetup.tsx'),
  admin: () => import('../pages/admin/AdminPage.tsx'),
  audit: () => import('../pages/audit/AuditPage.tsx'),
  glossary: () => import('../help/GlossaryPage.tsx'),
};

/** The chunk a hospital workspace renders for a route, or null (a page not found has none). */
export function chunkFor(route: Route): (() => Promise<unknown>) | null {
  switch (route.page) {
    case 'systemNew':
    case 'systemEdit':
      return pageChunks.systemForm;
    case 'vendors':
      return route.id ? pageChunks.vendor : pageChunks.vendors;
    case 'vendor':
      return pageChunks.vendorModeSetup;
    case 'notFound':
      return null;
    default:
      return pageChunks[route.page];
  }
}
