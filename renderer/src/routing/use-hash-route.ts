import { useMemo, useSyncExternalStore } from 'react';
import { listQuery, type ListPage } from './list-href.ts';

/**
 * Hash routes (`#/systems/SYS-…`): they survive a reload in Electron's app:// and in browser
 * mode alike, and never ask a server for a path.
 */
/** Settings → People and governance (the default), or Settings → Integrity. */
export type SettingsTab = 'general' | 'integrity';
/** Reviews → Awaiting you (the default, #/reviews), or the review log (#/reviews/log?…). */
export type ReviewsTab = 'queue' | 'log';

/**
 * A list's state as its address carries it (docs/lists.md, "Addresses"): query parameters named
 * as the paged method's input fields, still as text. `useListState` reads and checks them.
 */
export type ListQuery = Readonly<Record<string, string>>;

export type Route =
  | { page: 'systems'; query?: ListQuery | undefined }
  | { page: 'systemNew' }
  | { page: 'system'; id: string }
  | { page: 'systemEdit'; id: string }
  | { page: 'templates' }
  | { page: 'assessments'; query?: ListQuery | undefined }
  | { page: 'assessment'; id: string; section?: string | undefined; question?: string | undefined }
  | { page: 'committee' }
  /** Two to four assessments side by side (`#/compare?ids=ASM-…,ASM-…`); the page says when there are too few or too many. */
  | { page: 'compare'; ids: string[] }
  /** The review log is the list (its query); the queue of one person's work has none. */
  | { page: 'reviews'; tab?: ReviewsTab | undefined; query?: ListQuery | undefined }
  | { page: 'reports' }
  /** The register; `id` opens one risk in a drawer over the list, which keeps its query. */
  | { page: 'risks'; id?: string | undefined; query?: ListQuery | undefined }
  | { page: 'audit'; query?: ListQuery | undefined }
  | { page: 'settings'; tab?: SettingsTab | undefined }
  | { page: 'vendor'; id?: string | undefined }
  /** Vendors as records (#/vendors), and one vendor's page (#/vendors/VEN-…); not the vendor workspace (#/vendor). */
  | { page: 'vendors'; id?: string | undefined }
  | { page: 'admin' }
  /** Words explained (#/glossary), opened at one term (#/glossary?term=band). */
  | { page: 'glossary'; term?: string | undefined }
  /** The landing page: an empty address, `#/` and `#/dashboard`. */
  | { page: 'dashboard' }
  | { page: 'notFound'; path: string };

/** The query after a list page's path, as text; undefined when there is none. */
function parseQuery(search: string): ListQuery | undefined {
  if (search === '') return undefined;
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) if (value !== '') query[key] = value;
  return Object.keys(query).length > 0 ? query : undefined;
}

/** A list page's route with its query (only when there is one, so routes compare as before). */
const withQuery = <R extends { page: ListPage }>(route: R, query: ListQuery | undefined): R => (query ? { ...route, query } : route);

/** The routes of the list pages (docs/lists.md): they alone take a query after their path. */
function parseListRoute(path: string, search: string): Route | null {
  const query = parseQuery(search);
  if (path === '/' || path === '/systems') return withQuery({ page: 'systems' }, query);
  if (path === '/assessments') return withQuery({ page: 'assessments' }, query);
  // A query on #/reviews can only mean the log's (an address written before the log had a path of its own).
  if (path === '/reviews/log' || (path === '/reviews' && query)) return withQuery({ page: 'reviews', tab: 'log' as const }, query);
  if (path === '/reviews') return { page: 'reviews' };
  if (path === '/audit') return withQuery({ page: 'audit' }, query);
  if (path === '/risks') return withQuery({ page: 'risks' }, query);
  const risk = /^\/risks\/(RSK-[A-Z0-9]+)$/.exec(path);
  if (risk?.[1]) return withQuery({ page: 'risks', id: risk[1] }, query);
  return null;
}

export function parseRoute(hash: string): Route {
  if (['', '#', '#/', '#/dashboard'].includes(hash)) return { page: 'dashboard' };
  const path = hash.replace(/^#/, '') || '/systems';
  const mark = path.indexOf('?');
  const list = mark >= 0 ? parseListRoute(path.slice(0, mark), path.slice(mark + 1)) : parseListRoute(path, '');
  if (list) return list;
  if ((mark >= 0 ? path.slice(0, mark) : path) === '/compare') {
    const ids = new URLSearchParams(mark >= 0 ? path.slice(mark + 1) : '').get('ids') ?? '';
    return { page: 'compare', ids: ids.split(',').map((id) => id.trim()).filter((id) => id !== '') };
  }
  if ((mark >= 0 ? path.slice(0, mark) : path) === '/glossary') {
    const term = new URLSearchParams(mark >= 0 ? path.slice(mark + 1) : '').get('term') ?? '';
    return term === '' ? { page: 'glossary' } : { page: 'glossary', term };
  }
  // Only list pages take a query; anywhere else it is part of an address Vigil does not have.
  if (path === '/systems/new') return { page: 'systemNew' };
  if (path === '/templates') return { page: 'templates' };
  if (path === '/reports') return { page: 'reports' };
  if (path === '/committee') return { page: 'committee' };
  if (path === '/settings') return { page: 'settings' };
  if (path === '/vendor') return { page: 'vendor' };
  if (path === '/vendors') return { page: 'vendors' };
  const vendorRecord = /^\/vendors\/(VEN-[A-Z0-9]+)$/.exec(path);
  if (vendorRecord?.[1]) return { page: 'vendors', id: vendorRecord[1] };
  if (path === '/admin') return { page: 'admin' };
  const inbox = /^\/vendor\/(VIN-[A-Z0-9]+)$/.exec(path);
  if (inbox?.[1]) return { page: 'vendor', id: inbox[1] };
  if (path === '/settings/integrity') return { page: 'settings', tab: 'integrity' };
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
      return `#/systems${listQuery(route.query ?? {})}`;
    case 'systemNew':
      return '#/systems/new';
    case 'system':
      return `#/systems/${route.id}`;
    case 'systemEdit':
      return `#/systems/${route.id}/edit`;
    case 'templates':
      return '#/templates';
    case 'assessments':
      return `#/assessments${listQuery(route.query ?? {})}`;
    case 'assessment':
      return route.question ? `#/assessments/${route.id}/questions/${route.question}` : `#/assessments/${route.id}${route.section ? `/${route.section}` : ''}`;
    case 'reviews':
      return route.tab === 'log' || route.query ? `#/reviews/log${listQuery(route.query ?? {})}` : '#/reviews';
    case 'audit':
      return `#/audit${listQuery(route.query ?? {})}`;
    case 'reports':
      return '#/reports';
    case 'committee':
      return '#/committee';
    case 'compare':
      return `#/compare?ids=${route.ids.map(encodeURIComponent).join(',')}`;
    case 'risks':
      return `${route.id ? `#/risks/${route.id}` : '#/risks'}${listQuery(route.query ?? {})}`;
    case 'settings':
      return route.tab === 'integrity' ? '#/settings/integrity' : '#/settings';
    case 'vendor':
      return route.id ? `#/vendor/${route.id}` : '#/vendor';
    case 'vendors':
      return route.id ? `#/vendors/${route.id}` : '#/vendors';
    case 'admin':
      return '#/admin';
    case 'glossary':
      return route.term ? `#/glossary?term=${encodeURIComponent(route.term)}` : '#/glossary';
    case 'dashboard':
      return '#/dashboard';
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route).slice(1);
}

/** Said when the address is replaced in place: `history.replaceState` fires no hashchange. */
const replacedEvent = 'vigil:route-replaced';

/**
 * Goes to a route without a new history entry (a list's search as it is typed: Back should not
 * step through every letter).
 */
export function replaceRoute(route: Route): void {
  window.history.replaceState(window.history.state, '', hrefFor(route));
  window.dispatchEvent(new Event(replacedEvent));
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(replacedEvent, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(replacedEvent, onChange);
  };
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // One route object per address, so what is derived from it (a list's input) keeps its identity.
  return useMemo(() => parseRoute(hash), [hash]);
}
