import type { Route } from './use-hash-route.ts';

/**
 * What makes an address a new page for focus and scrolling (docs/keyboard.md): focus moves to
 * the new page's heading only when this changes. A list's query (search, sort, paging), a tab,
 * a drawer over the register and an assessment's section are changes within the page, which
 * keep focus where the person is (the assessment page moves it to the section itself).
 */
export function pageKey(route: Route): string {
  switch (route.page) {
    case 'assessment':
      return `assessment/${route.id}`;
    case 'system':
    case 'systemEdit':
      return `${route.page}/${route.id}`;
    case 'vendors':
    case 'vendor':
      return route.id ? `${route.page}/${route.id}` : route.page;
    case 'compare':
      return `compare/${route.ids.join(',')}`;
    case 'notFound':
      return `notFound/${route.path}`;
    default:
      return route.page;
  }
}
