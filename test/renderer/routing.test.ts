// Hash routes: every page's address parses to the page and builds back to the same address,
// ids only in the shapes the core hands out, anything else is "not found" with its path kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hrefFor, navigate, parseRoute, type Route } from '../../renderer/src/routing/use-hash-route.ts';

const routes: [string, Route][] = [
  ['#/systems', { page: 'systems' }],
  ['#/systems/new', { page: 'systemNew' }],
  ['#/systems/SYS-7K2M9QXA', { page: 'system', id: 'SYS-7K2M9QXA' }],
  ['#/systems/SYS-7K2M9QXA/edit', { page: 'systemEdit', id: 'SYS-7K2M9QXA' }],
  ['#/templates', { page: 'templates' }],
  ['#/assessments', { page: 'assessments' }],
  ['#/assessments/ASM-AB12CD34', { page: 'assessment', id: 'ASM-AB12CD34', section: undefined }],
  ['#/assessments/ASM-AB12CD34/PR-GOV', { page: 'assessment', id: 'ASM-AB12CD34', section: 'PR-GOV' }],
  ['#/assessments/ASM-AB12CD34/questions/US-CHG-01', { page: 'assessment', id: 'ASM-AB12CD34', question: 'US-CHG-01' }],
  ['#/reviews', { page: 'reviews' }],
  ['#/committee', { page: 'committee' }],
  ['#/compare?ids=ASM-AB12CD34,ASM-EF56GH78', { page: 'compare', ids: ['ASM-AB12CD34', 'ASM-EF56GH78'] }],
  ['#/reports', { page: 'reports' }],
  ['#/risks', { page: 'risks' }],
  ['#/admin', { page: 'admin' }],
  ['#/risks/RSK-0001ABCD', { page: 'risks', id: 'RSK-0001ABCD' }],
  ['#/settings', { page: 'settings' }],
  ['#/settings/integrity', { page: 'settings', tab: 'integrity' }],
  ['#/vendor', { page: 'vendor' }],
  ['#/vendor/VIN-XY12ZZ99', { page: 'vendor', id: 'VIN-XY12ZZ99' }],
  ['#/glossary', { page: 'glossary' }],
  ['#/glossary?term=risk-appetite', { page: 'glossary', term: 'risk-appetite' }],
];

describe('hash routes', () => {
  it.each(routes)('%s parses to its page and builds back to itself', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(hrefFor(route)).toBe(hash);
    expect(hrefFor(parseRoute(hash))).toBe(hash);
  });

  it('opens the dashboard (the landing page) for an empty hash, "#/" and "#/dashboard"', () => {
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(hrefFor({ page: 'dashboard' })).toBe('#/dashboard');
  });

  it('accepts a hash without its leading "#" (what the hashchange value is built from)', () => {
    expect(parseRoute('/risks/RSK-0001ABCD')).toEqual({ page: 'risks', id: 'RSK-0001ABCD' });
  });

  it.each([
    '/nowhere',
    '/systems/sys-lowercase',
    '/systems/SYS-1/extra',
    '/assessments/SYS-AB12',
    '/assessments/ASM-AB12/pr-gov',
    '/assessments/ASM-AB12/GOVERNANCE',
    '/assessments/ASM-AB12/PRX-GOV',
    '/assessments/ASM-AB12/PR-GOV/extra',
    '/risks/ASM-AB12',
    '/vendor/VRQ-AB12',
    '/settings/people',
    '/systems/',
    '/risks/',
    '/token=abc',
    '/systems/new?search=x',
    '/settings?tab=integrity',
    '/glossary/band',
  ])('"%s" is not found, and keeps its path so the page can say what was asked', (path) => {
    const route = parseRoute(`#${path}`);
    expect(route).toEqual({ page: 'notFound', path });
    expect(hrefFor(route)).toBe(`#${path}`);
  });

  it('keeps state carried by the route (assessment section, risk, settings tab, inbox) through a round trip', () => {
    const withState: Route[] = [
      { page: 'assessment', id: 'ASM-Q1W2E3R4', section: 'DE-SEC' },
      { page: 'risks', id: 'RSK-ZZZZ' },
      { page: 'settings', tab: 'integrity' },
      { page: 'vendor', id: 'VIN-ABCD' },
      { page: 'systemEdit', id: 'SYS-ABCD' },
    ];
    for (const route of withState) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('drops state that has no address of its own (the default settings tab, an empty section)', () => {
    expect(hrefFor({ page: 'settings', tab: 'general' })).toBe('#/settings');
    expect(hrefFor({ page: 'assessment', id: 'ASM-ABCD', section: '' })).toBe('#/assessments/ASM-ABCD');
    expect(hrefFor({ page: 'risks', id: undefined })).toBe('#/risks');
    expect(hrefFor({ page: 'vendor', id: undefined })).toBe('#/vendor');
  });

  it.each<[string, Route]>([
    ['#/risks?band=high&sort=residual&direction=desc&page=2', { page: 'risks', query: { band: 'high', sort: 'residual', direction: 'desc', page: '2' } }],
    ['#/risks/RSK-0001ABCD?systemId=SYS-AB12CD34&aboveAppetite=1', { page: 'risks', id: 'RSK-0001ABCD', query: { systemId: 'SYS-AB12CD34', aboveAppetite: '1' } }],
    ['#/systems?search=chest+x-ray&includeArchived=1', { page: 'systems', query: { search: 'chest x-ray', includeArchived: '1' } }],
    ['#/assessments?status=inReview', { page: 'assessments', query: { status: 'inReview' } }],
    ['#/reviews/log?state=awaiting', { page: 'reviews', tab: 'log', query: { state: 'awaiting' } }],
    ['#/reviews/log', { page: 'reviews', tab: 'log' }],
    ['#/audit?actor=Dr+Lee&page=3', { page: 'audit', query: { actor: 'Dr Lee', page: '3' } }],
    ['#/audit', { page: 'audit' }],
  ])('a list address %s carries its query as text, and builds back to itself', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(hrefFor(route)).toBe(hash);
  });

  it('opens the review log for a query on #/reviews, and the queue without one', () => {
    expect(parseRoute('#/reviews?state=decided')).toEqual({ page: 'reviews', tab: 'log', query: { state: 'decided' } });
    expect(parseRoute('#/reviews')).toEqual({ page: 'reviews' });
    expect(hrefFor({ page: 'reviews', tab: 'queue' })).toBe('#/reviews');
    expect(parseRoute('#/reviews/queue')).toEqual({ page: 'notFound', path: '/reviews/queue' });
  });

  it('keeps a list without a query as it was, and leaves out empty parameters', () => {
    expect(parseRoute('#/risks?')).toEqual({ page: 'risks' });
    expect(parseRoute('#/risks?band=&status=open')).toEqual({ page: 'risks', query: { status: 'open' } });
    expect(hrefFor({ page: 'risks', query: {} })).toBe('#/risks');
  });

  it('never reads "new" as a system id', () => {
    expect(parseRoute('#/systems/new')).toEqual({ page: 'systemNew' });
    expect(parseRoute('#/systems/new/edit')).toEqual({ page: 'notFound', path: '/systems/new/edit' });
  });

  describe('navigate', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('sets the hash without its "#" to the route\'s address', () => {
      const location = { hash: '' };
      vi.stubGlobal('window', { location });
      navigate({ page: 'assessment', id: 'ASM-ABCD', section: 'PR-GOV' });
      expect(location.hash).toBe('/assessments/ASM-ABCD/PR-GOV');
      expect(parseRoute(`#${location.hash}`)).toEqual({ page: 'assessment', id: 'ASM-ABCD', section: 'PR-GOV' });
    });
  });
});

describe('page chunks', () => {
  it('gives every page a chunk to load at start, and a page not found none', async () => {
    const { chunkFor, pageChunks } = await import('../../renderer/src/routing/page-chunks.ts');
    const all: Route[] = [...routes.map(([, route]) => route), { page: 'dashboard' }, { page: 'audit' }, { page: 'vendors' }, { page: 'vendors', id: 'VEN-AB12CD34' }];
    for (const route of all) expect(typeof chunkFor(route), route.page).toBe('function');
    expect(chunkFor({ page: 'notFound', path: '#/nope' })).toBeNull();
    expect(chunkFor({ page: 'systemNew' })).toBe(pageChunks.systemForm);
    expect(chunkFor({ page: 'systemEdit', id: 'SYS-7K2M9QXA' })).toBe(pageChunks.systemForm);
    expect(chunkFor({ page: 'vendors', id: 'VEN-AB12CD34' })).toBe(pageChunks.vendor);
    expect(chunkFor({ page: 'glossary', term: 'band' })).toBe(pageChunks.glossary);
  });
});
