// The band trend's replay (pure): months ending with today's, and each risk's contribution at a
// month's end from its own ledger events, the rest of the portfolio as it stands now.
import { describe, expect, it } from 'vitest';
import { bandTrend, trendMonths } from '../../../electron/core/dashboard/band-trend.ts';
import type { RiskBandEvent, RiskNow } from '../../../electron/core/dashboard/dashboard-repository.ts';

const bands = ['low', 'medium', 'high'];
const ev = (entity: string, at: string, action: RiskBandEvent['action'], band: string | null = null): RiskBandEvent => ({ entity, at: `${at}T10:00:00.000Z`, action, band });

describe('trendMonths', () => {
  it('gives twelve months oldest first, across a year end, each ending where the next begins', () => {
    const months = trendMonths('2026-02-28');
    expect(months.map((m) => m.month)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect(months[9]).toEqual({ month: '2025-12', start: '2025-12-01', end: '2026-01-01' });
    expect(months.at(-1)).toEqual({ month: '2026-02', start: '2026-02-01', end: '2026-03-01' });
  });
});

describe('bandTrend', () => {
  const months = trendMonths('2026-04-15', 4); // 2026-01 … 2026-04

  it('replays opening, rescoring and verification; risks that did not change count as they stand now', () => {
    const events = [
      ev('A', '2026-01-05', 'risk.identified', 'high'),
      ev('A', '2026-03-02', 'risk.rescored', 'medium'),
      ev('B', '2026-02-10', 'risk.identified', 'medium'),
      ev('B', '2026-03-20', 'risk.verify'),
      ev('C', '2026-04-01', 'risk.identified', 'low'),
    ];
    const risksNow: RiskNow[] = [
      { id: 'A', band: 'medium', open: true, archived: false },
      { id: 'B', band: 'medium', open: false, archived: false },
      { id: 'C', band: 'low', open: true, archived: false },
    ];
    // Now: A (medium) and C (low) open, plus two unchanged high risks opened before the window.
    const now = new Map([['low', 1], ['medium', 1], ['high', 2]]);
    expect(bandTrend({ months, bands, now, events, risksNow })).toEqual([
      { month: '2026-01', counts: { low: 0, medium: 0, high: 3 } },
      { month: '2026-02', counts: { low: 0, medium: 1, high: 3 } },
      { month: '2026-03', counts: { low: 0, medium: 1, high: 2 } },
      { month: '2026-04', counts: { low: 1, medium: 1, high: 2 } },
    ]);
  });

  it('leaves out risks of archived systems at every point, as now', () => {
    const events = [ev('A', '2026-02-01', 'risk.identified', 'high')];
    const risksNow: RiskNow[] = [{ id: 'A', band: 'high', open: true, archived: true }];
    const trend = bandTrend({ months, bands, now: new Map(), events, risksNow });
    expect(trend.every((p) => p.counts.high === 0)).toBe(true);
  });
});
