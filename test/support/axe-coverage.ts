import type { Screen } from '../../renderer/src/routing/screen.ts';

/**
 * Which e2e file scans each screen with axe (issue 19: every page, 0 violations). The type makes
 * a new screen in routing/screen.ts fail to compile until it is listed here;
 * test/renderer/axe-coverage.test.ts checks the screens cover the whole route table; and each
 * e2e file, when run whole, fails unless it really scanned the screens listed for it (the axe
 * helper records the screen it checked, `main[data-screen]`).
 */
export const axeCoverage: Readonly<Record<Screen, `${string}.e2e.test.ts`>> = {
  dashboard: 'dashboard.e2e.test.ts',
  systems: 'demo.e2e.test.ts',
  systemNew: 'demo.e2e.test.ts',
  systemEdit: 'demo.e2e.test.ts',
  system: 'demo.e2e.test.ts',
  templates: 'demo.e2e.test.ts',
  assessments: 'lists.e2e.test.ts',
  assessment: 'demo.e2e.test.ts',
  reviews: 'demo.e2e.test.ts',
  reviewsLog: 'lists.e2e.test.ts',
  reports: 'demo.e2e.test.ts',
  compare: 'lists.e2e.test.ts',
  committee: 'committee.e2e.test.ts',
  risks: 'risk-register.e2e.test.ts',
  settings: 'demo.e2e.test.ts',
  settingsIntegrity: 'demo.e2e.test.ts',
  vendorModeSetup: 'demo.e2e.test.ts',
  vendors: 'demo.e2e.test.ts',
  vendor: 'demo.e2e.test.ts',
  admin: 'demo.e2e.test.ts',
  audit: 'lists.e2e.test.ts',
  glossary: 'demo.e2e.test.ts',
  notFound: 'demo.e2e.test.ts',
  vendorWorkspace: 'vendor-exchange.e2e.test.ts',
  vendorSettings: 'vendor-exchange.e2e.test.ts',
};
