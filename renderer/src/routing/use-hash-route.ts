import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/systems/SYS-…`): they survive a reload in Electron's app:// and in browser
 * mode alike, and never ask a server for a path.
 */
/** Settings → People and governance (the default), or Settings → Integrity. */
export type SettingsTab = 'general' | 'integrity';

export type Route =
  | { page: 'systems' }
  | { page: 'systemNew' }
  | { page: 'system'; id: string }
  | { page: 'systemEdit'; id: string }
  | { page: 'templates' }
  | { page: 'assessments' }
  | { page: 'assessment'; id: string; section?: string | undefined; question?: string | undefined }
  | { page: 'committee' }
  | { page: 'reviews' }
  | { page: 'reports' }
  | { page: 'risks'; id?: string | undefined }
  | { page: 'settings'; tab?: SettingsTab | undefined }
  | { page: 'vendor'; id?: string | undefined }
  | { page: 'admin' }
  /** The landing page: an empty address, `#/` and `#/dashboard`. */
  | { page: 'dashboard' }
  | { page: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  if (['', '#', '#/', '#/dashboard'].includes(hash)) return { page: 'dashboard' };
  const path = hash.replace(/^#/, '') || '/systems';
  if (path === '/' || path === '/systems') return { page: 'systems' };
  if (path === '/systems/new') return { page: 'systemNew' };
  if (path === '/templates') return { page: 'templates' };
  if (path === '/assessments') return { page: 'assessments' };
  if (path === '/reviews') return { page: 'reviews' };
  if (path === '/reports') return { page: 'reports' };
  if (path === '/committee') return { page: 'committee' };
  if (path === '/risks') return { page: 'risks' };
  if (path === '/settings') return { page: 'settings' };
  if (path === '/vendor') return { page: 'vendor' };
  if (path === '/admin') return { page: 'admin' };
  const inbox = /^\/vendor\/(VIN-[A-Z0-9]+)$/.exec(path);
  if (inbox?.[1]) return { page: 'vendor', id: inbox[1] };
  if (path === '/settings/integrity') return { page: 'settings', tab: 'integrity' };
  const risk = /^\/risks\/(RSK-[A-Z0-9]+)$/.exec(path);
  if (risk?.[1]) return { page: 'risks', id: risk[1] };
  // A question of an assessment (a link from a risk's evidence gaps): the page finds its section.
  const question = /^\/assessments\/(ASM-[A-Z0-9]+)\/questions\/([A-Z]{2}-[A-Z0-9-]+)$/.exec(path);
  if (question?.[1] && question[2]) return { page: 'assessment', id: question[1], question: question[2] };
  const assessment = /^\/assessments\/(ASM-[A-Z0-9]+)(?:\/([A-Z]{2}-[A-Z]+))?$/.exec(path);
  if (assessment?.[1]) return { page: 'assessment', id: assessment[1], section: assessment[2] };
  const edit = /^\/systems\/([A-Z0-9-]+)\/edit$/.exec(path);
  if (edit?.[1]) return { page: 'systemEdit', id: edit[1] };
  const show = /^\/systems\/([A-Z0-9-]+)$/.exec(path);
  if (show?.[1]) return { page: 'system', id: show[1] };
  return { page: 'notFound', path };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'systems':
      return '#/systems';
    case 'systemNew':
      return '#/systems/new';
    case 'system':
      return `#/systems/${route.id}`;
    case 'systemEdit':
      return `#/systems/${route.id}/edit`;
    case 'templates':
      return '#/templates';
    case 'assessments':
      return '#/assessments';
    case 'assessment':
      return route.question ? `#/assessments/${route.id}/questions/${route.question}` : `#/assessments/${route.id}${route.section ? `/${route.section}` : ''}`;
    case 'reviews':
      return '#/reviews';
    case 'reports':
      return '#/reports';
    case 'committee':
      return '#/committee';
    case 'risks':
      return route.id ? `#/risks/${route.id}` : '#/risks';
    case 'settings':
      return route.tab === 'integrity' ? '#/settings/integrity' : '#/settings';
    case 'vendor':
      return route.id ? `#/vendor/${route.id}` : '#/vendor';
    case 'admin':
      return '#/admin';
    case 'dashboard':
      return '#/dashboard';
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route).slice(1);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
