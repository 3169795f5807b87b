import type { RiskBandEvent, RiskNow } from './dashboard-repository.ts';

/** A month of the trend: its key and the first instant of it and of the next (ISO dates). */
export interface TrendMonth {
  month: string;
  start: string;
  end: string;
}

const monthKey = (year: number, monthIndex: number) => {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return { key: d.toISOString().slice(0, 7), start: d.toISOString().slice(0, 10) };
};

/** The twelve months ending with today's, oldest first. */
export function trendMonths(today: string, count = 12): TrendMonth[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = m - 1 - (count - 1 - i);
    const { key, start } = monthKey(y, index);
    return { month: key, start, end: monthKey(y, index + 1).start };
  });
}

/**
 * Open risks by residual band at the end of each month, replayed from the ledger
 * (docs/dashboard.md, "Band trend"). Only risks that changed within the window are replayed: a
 * risk with no band event after the end of the first month stood then as it stands now, so the
 * counts of today (from SQL) hold for it at every point. For each changed risk, its contribution
 * now is taken out and its contribution at each month's end put back, from its own events: it
 * counts once opened (`risk.identified`) and until verified (`risk.verify`), in the band of its
 * last opening or rescoring (`risk.rescored`) before that end. Risks of archived systems are left
 * out of every point, as they are left out now.
 */
export function bandTrend(input: {
  months: readonly TrendMonth[];
  bands: readonly string[];
  /** Open risks by residual band now. */
  now: ReadonlyMap<string, number>;
  /** Every band event of the changed risks, oldest first. */
  events: readonly RiskBandEvent[];
  risksNow: readonly RiskNow[];
}): { month: string; counts: Record<string, number> }[] {
  const byRisk = new Map<string, RiskBandEvent[]>();
  for (const event of input.events) {
    const list = byRisk.get(event.entity) ?? [];
    list.push(event);
    byRisk.set(event.entity, list);
  }
  const bandAt = (events: readonly RiskBandEvent[], end: string): string | null => {
    let band: string | null = null;
    for (const event of events) {
      if (event.at >= end) break;
      if (event.action === 'risk.verify') return null;
      if (event.band !== null) band = event.band;
    }
    return band;
  };
  return input.months.map(({ month, end }) => {
    const counts = new Map(input.bands.map((band) => [band, input.now.get(band) ?? 0]));
    const add = (band: string, n: number) => {
      if (counts.has(band)) counts.set(band, (counts.get(band) ?? 0) + n);
    };
    for (const risk of input.risksNow) {
      if (risk.archived) continue;
      if (risk.open) add(risk.band, -1);
      const then = bandAt(byRisk.get(risk.id) ?? [], end);
      if (then !== null) add(then, 1);
    }
    return { month, counts: Object.fromEntries(counts) };
  });
}
