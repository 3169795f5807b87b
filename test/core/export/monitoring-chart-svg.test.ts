// The monitoring chart's SVG read back by a strict XML parser (saxes): the number of lines,
// markers, breach marks, limit lines and labels follows the data; text from imported files is
// escaped; gaps break a line; and the output is the same for the same data.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { MonitoringSeries } from '../../../electron/contract/monitoring.ts';
import { chartData, chartDescription, chartTitle, monthsBetween, type Criterion } from '../../../electron/core/export/charts/monitoring-chart-data.ts';
import { escapeXml, monitoringChartSvg } from '../../../electron/core/export/charts/monitoring-chart-svg.ts';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Every element of the SVG with its attributes and text; throws when it is not well-formed XML. */
function parse(svg: string): Element[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: Element[] = [];
  const open: Element[] = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])), text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => void open.pop());
  parser.write(svg).close();
  return elements;
}

const withClass = (elements: Element[], cls: string) => elements.filter((e) => e.attributes.class === cls);

const months = monthsBetween('2025-10', '2026-09');
const series = (subgroup: string, values: (number | null)[], limit = 0.8): MonitoringSeries => ({
  metric: 'sensitivity',
  subgroup,
  criterionId: null,
  points: values.flatMap((v, i) => (v === null ? [] : [{ period: months[i] ?? '', value: v, n: 100 + i, breached: v < limit }])),
});
const criterion = (subgroup: string, min: number | null, overrides: Partial<Criterion> = {}): Criterion => ({ id: `c-${subgroup}`, metric: 'sensitivity', subgroup, min, max: null, maxGap: null, rationale: '', ...overrides });
const steady = months.map((_, i) => 0.85 + (i % 3) * 0.01);

describe('monitoringChartSvg', () => {
  it('draws one line, a marker per value, a breach mark per breached value, the limit and the legend', () => {
    const drop = steady.map((v, i) => (i >= 10 ? 0.74 : v));
    const data = chartData('sensitivity', [series('all', steady), series('age:65+', drop), series('sex:female', steady)], [criterion('all', 0.8), criterion('age:65+', 0.8)]);
    const elements = parse(monitoringChartSvg(data).svg);
    expect(withClass(elements, 'series')).toHaveLength(3);
    expect(withClass(elements, 'marker')).toHaveLength(36);
    expect(withClass(elements, 'breach')).toHaveLength(2);
    expect(withClass(elements, 'limit')).toHaveLength(1);
    expect(withClass(elements, 'limit-label').map((e) => e.text)).toEqual(['Lower limit 0.80 (Overall, age: 65+)']);
    expect(withClass(elements, 'x-label').map((e) => e.text)).toEqual(['Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep']);
    expect(withClass(elements, 'x-year').map((e) => e.text)).toEqual(['2025', '2026']);
    // Value ticks are ordered, evenly spaced and cover the data and the limit.
    const ticks = withClass(elements, 'y-label').map((e) => Number(e.text));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...ticks)).toBeLessThanOrEqual(0.74);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(0.87);
    // Legend: three lines, the limit, the breach mark.
    const legend = withClass(elements, 'legend-item');
    expect(legend).toHaveLength(5);
    expect(elements.filter((e) => e.name === 'text' && ['Overall', 'age: 65+', 'sex: female'].includes(e.text))).toHaveLength(3);
    // Lines differ by dash pattern as well as colour (greyscale print).
    const dashes = withClass(elements, 'series').map((e) => e.attributes['stroke-dasharray'] ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    const title = elements.find((e) => e.name === 'title');
    expect(title?.text).toBe('Sensitivity by month, Oct 2025 to Sep 2026');
    expect(elements.find((e) => e.name === 'desc')?.text).toContain('age: 65+ in Aug 2026 and Sep 2026');
  });

  it('escapes a subgroup name from an imported file wherever it appears', () => {
    const hostile = 'age:<65 & "x"';
    const data = chartData('sensitivity', [series('all', steady), series(hostile, steady)], [criterion(hostile, 0.8)]);
    const { svg } = monitoringChartSvg(data);
    expect(svg).not.toContain('<65 &');
    expect(svg).toContain('age: &lt;65 &amp; &quot;x&quot;');
    const elements = parse(svg);
    expect(elements.some((e) => e.name === 'text' && e.text === 'age: <65 & "x"')).toBe(true);
    expect(withClass(elements, 'series').map((e) => e.attributes['data-subgroup'])).toEqual(['all', hostile]);
    expect(withClass(elements, 'limit-label')[0]?.text).toBe('Lower limit 0.80 (age: <65 & "x")');
    expect(escapeXml('a\u0001b<\'')).toBe('ab&lt;&apos;');
  });

  it('breaks a line where months have no data, and keeps the months on the axis', () => {
    const gappy = steady.map((v, i) => (i === 3 || i === 4 || i === 8 ? null : v));
    const data = chartData('sensitivity', [series('all', gappy)], []);
    expect(data.months).toHaveLength(12);
    const elements = parse(monitoringChartSvg(data).svg);
    // Runs: Oct–Dec, Mar–May, Jul–Sep: three polylines, nine markers.
    expect(withClass(elements, 'series')).toHaveLength(3);
    expect(withClass(elements, 'marker')).toHaveLength(9);
    expect(withClass(elements, 'x-label')).toHaveLength(12);
    expect(withClass(elements, 'limit')).toHaveLength(0);
    expect(chartDescription(data)).toContain('No limits are set');
  });

  it('draws a single month as markers only, titled with that month', () => {
    const one: MonitoringSeries[] = [
      { metric: 'sensitivity', subgroup: 'all', criterionId: null, points: [{ period: '2026-05', value: 0.9, n: 50, breached: false }] },
      { metric: 'sensitivity', subgroup: 'site:north', criterionId: null, points: [{ period: '2026-05', value: 0.7, n: 20, breached: true }] },
    ];
    const data = chartData('sensitivity', one, [criterion('site:north', 0.8)]);
    expect(chartTitle(data)).toBe('Sensitivity, May 2026');
    const elements = parse(monitoringChartSvg(data).svg);
    expect(withClass(elements, 'series')).toHaveLength(0);
    expect(withClass(elements, 'marker')).toHaveLength(2);
    expect(withClass(elements, 'breach')).toHaveLength(1);
    expect(withClass(elements, 'x-label').map((e) => e.text)).toEqual(['May']);
  });

  it('marks every value when every value is outside the limit', () => {
    const low = months.map(() => 0.6);
    const data = chartData('sensitivity', [series('all', low), series('age:65+', low)], [criterion('all', 0.8)]);
    const elements = parse(monitoringChartSvg(data).svg);
    expect(withClass(elements, 'breach')).toHaveLength(24);
    expect(withClass(elements, 'limit-zone')).toHaveLength(1);
    expect(chartDescription(data)).toContain('Overall in Oct 2025, Nov 2025, Dec 2025 and 9 more months');
  });

  it('draws at most seven lines and says the rest are in the table; the same data gives the same SVG', () => {
    const many = Array.from({ length: 10 }, (_, k) => series(k === 0 ? 'all' : `site:s${k}`, steady));
    const data = chartData('sensitivity', many, [criterion('site:s9', 0.8)]);
    expect(data.lines).toHaveLength(7);
    // The subgroup with a criterion is drawn even though it sorts last.
    expect(data.lines.map((l) => l.subgroup)).toContain('site:s9');
    expect(data.notDrawn).toHaveLength(3);
    const elements = parse(monitoringChartSvg(data).svg);
    expect(withClass(elements, 'series')).toHaveLength(7);
    expect(chartDescription(data)).toContain('3 more subgroups are in the table only');
    expect(monitoringChartSvg(chartData('sensitivity', many, [criterion('site:s9', 0.8)])).svg).toBe(monitoringChartSvg(data).svg);
  });

  it('shades above an upper limit for a lower-is-better metric', () => {
    const s: MonitoringSeries = { metric: 'calibrationError', subgroup: 'all', criterionId: null, points: months.map((period, i) => ({ period, value: 0.02 + i * 0.002, n: 300, breached: false })) };
    const data = chartData('calibrationError', [s], [{ id: 'c', metric: 'calibrationError', subgroup: 'all', min: null, max: 0.05, maxGap: null, rationale: '' }]);
    const elements = parse(monitoringChartSvg(data).svg);
    expect(withClass(elements, 'limit-label')[0]?.text).toBe('Upper limit 0.05 (Overall)');
    const zone = withClass(elements, 'limit-zone')[0];
    const limit = withClass(elements, 'limit')[0];
    // The zone runs from the top of the plot down to the limit line.
    expect(Number(zone?.attributes.y) + Number(zone?.attributes.height)).toBeCloseTo(Number(limit?.attributes.y1), 0);
  });
});
