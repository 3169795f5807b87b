// The list pages' own rules: the inventory's next-review wording and its links to the risks
// behind a count, and which records an audit event links to.
import { describe, expect, it } from 'vitest';
import { RiskPageInput } from '../../electron/contract/index.ts';
import { aboveAppetiteHref, localToday, nextReviewText, openRisksHref, reviewDueOptions } from '../../renderer/src/pages/systems/inventory-model.ts';
import { formatDate } from '../../renderer/src/text/format.ts';
import { entityRoute } from '../../renderer/src/routing/entity-route.ts';
import { listHref } from '../../renderer/src/routing/list-href.ts';
import { hrefFor, parseRoute } from '../../renderer/src/routing/use-hash-route.ts';

/** The risks.page input an address's query stands for (`true` written as 1). */
function riskInputOf(href: string) {
  const [path, search] = href.split('?');
  expect(path).toBe('#/risks');
  const params = Object.fromEntries([...new URLSearchParams(search)].map(([k, v]) => [k, v === '1' ? true : v]));
  return RiskPageInput.parse(params);
}

describe('inventory', () => {
  it('says when the next review is overdue, by calendar day', () => {
    expect(nextReviewText(null, '2026-03-01')).toEqual({ text: 'Not set', overdue: false });
    expect(nextReviewText('2026-02-28', '2026-03-01')).toEqual({ text: `${formatDate('2026-02-28')} (overdue)`, overdue: true });
    expect(nextReviewText('2026-03-01', '2026-03-01')).toEqual({ text: formatDate('2026-03-01'), overdue: false });
    expect(nextReviewText('2026-03-01T23:00:00.000Z', '2026-03-01')).toEqual({ text: formatDate('2026-03-01'), overdue: false });
  });

  it('takes today from the local calendar', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });

  it('links each count to the risk register filtered to exactly the rows it counts', () => {
    expect(riskInputOf(openRisksHref({ id: 'SYS-AB12CD34' }))).toMatchObject({ systemId: 'SYS-AB12CD34', openOnly: true });
    expect(riskInputOf(openRisksHref({ id: 'SYS-AB12CD34' })).aboveAppetite).toBeUndefined();
    expect(riskInputOf(aboveAppetiteHref({ id: 'SYS-AB12CD34' }))).toMatchObject({ systemId: 'SYS-AB12CD34', openOnly: true, aboveAppetite: true });
  });

  it('offers review horizons the contract accepts', () => {
    expect(reviewDueOptions.map((o) => o.value)).toEqual(['30', '60', '90']);
  });
});

describe('entityRoute', () => {
  it.each([
    ['SYS-AB12CD34', '#/systems/SYS-AB12CD34'],
    ['ASM-AB12CD34', '#/assessments/ASM-AB12CD34'],
    ['RSK-AB12CD34', '#/risks/RSK-AB12CD34'],
  ])('opens %s on its page', (id, href) => {
    const route = entityRoute(id);
    expect(route && hrefFor(route)).toBe(href);
  });

  it('gives no page for other ids (settings, backups, accounts)', () => {
    for (const id of ['settings', 'BKP-1', '', 'sys-ab12cd34', 'SYS-AB12CD34/edit']) expect(entityRoute(id)).toBeNull();
  });
});

describe('list addresses', () => {
  it('opens the review log on its tab of Reviews, and every other list on its page', () => {
    expect(listHref('reviews', { state: 'decided' })).toBe('#/reviews/log?state=decided');
    expect(parseRoute(listHref('reviews'))).toEqual({ page: 'reviews', tab: 'log' });
    expect(parseRoute(listHref('audit', { actor: 'Dr Lee' }))).toEqual({ page: 'audit', query: { actor: 'Dr Lee' } });
    expect(parseRoute(listHref('systems', { aboveAppetiteOnly: true }))).toEqual({ page: 'systems', query: { aboveAppetiteOnly: '1' } });
  });
});
