/**
 * The address of a filtered, sorted list (docs/lists.md, "Addresses"): the list's page and its
 * state as query parameters named exactly as the paged method's input fields, so a view can be
 * bookmarked, shared, and linked to from the dashboard. `true` is written as 1; `page` is the
 * 1-based page number (offset = (page − 1) × limit); empty values are left out.
 */
export type ListPage = 'systems' | 'assessments' | 'reviews' | 'risks' | 'audit';

export type ListParams = Readonly<Record<string, string | number | boolean | undefined | null>>;

export function listQuery(params: ListParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    query.set(key, value === true ? '1' : String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Where each list lives: the review log is a tab of Reviews, whose default tab is one person's queue. */
const listPaths: Readonly<Record<ListPage, string>> = {
  systems: '#/systems',
  assessments: '#/assessments',
  reviews: '#/reviews/log',
  risks: '#/risks',
  audit: '#/audit',
};

export function listHref(page: ListPage, params: ListParams = {}): string {
  return `${listPaths[page]}${listQuery(params)}`;
}
