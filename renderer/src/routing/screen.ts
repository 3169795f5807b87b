import type { pageChunks } from './page-chunks.ts';
import type { Route } from './use-hash-route.ts';

/**
 * Every screen Vigil draws, by name: each page of the route table (App.tsx, page-chunks.ts), a
 * tab or form that shows different content under one chunk, and the page not found. The frame
 * marks the main landmark with it (`data-screen`), so a test can tell which screen it checked
 * (test/e2e/axe-coverage.ts: every screen is scanned by axe in some e2e file).
 */
export const screenChunks = {
  dashboard: 'dashboard',
  systems: 'systems',
  systemNew: 'systemForm',
  systemEdit: 'systemForm',
  system: 'system',
  templates: 'templates',
  assessments: 'assessments',
  assessment: 'assessment',
  reviews: 'reviews',
  reviewsLog: 'reviews',
  reports: 'reports',
  compare: 'compare',
  committee: 'committee',
  risks: 'risks',
  settings: 'settings',
  settingsIntegrity: 'settings',
  vendorModeSetup: 'vendorModeSetup',
  vendors: 'vendors',
  vendor: 'vendor',
  admin: 'admin',
  audit: 'audit',
  glossary: 'glossary',
  notFound: null,
  vendorWorkspace: 'vendorWorkspace',
  vendorSettings: 'vendorSettings',
} as const satisfies Record<string, keyof typeof pageChunks | null>;

export type Screen = keyof typeof screenChunks;

/** The screen a route shows in a hospital's workspace, or in a vendor's (App.tsx, VendorModePage). */
export function screenOf(route: Route, mode: 'hospital' | 'vendor'): Screen {
  if (mode === 'vendor') return route.page === 'settings' ? 'vendorSettings' : route.page === 'glossary' ? 'glossary' : 'vendorWorkspace';
  switch (route.page) {
    case 'reviews':
      return route.tab === 'log' ? 'reviewsLog' : 'reviews';
    case 'settings':
      return route.tab === 'integrity' ? 'settingsIntegrity' : 'settings';
    case 'vendor':
      return 'vendorModeSetup';
    case 'vendors':
      return route.id ? 'vendor' : 'vendors';
    default:
      return route.page;
  }
}
