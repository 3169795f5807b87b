import { chartDescription, chartTitle, monthWords, valueWords, type ChartData, type ChartLine } from './monitoring-chart-data.ts';

/*
 * One monitoring chart as an SVG document (pure; the same data gives the same bytes): the
 * metric month by month, one line per subgroup, the acceptance limits as shaded zones with a
 * labelled line, values outside a limit ringed and crossed, a legend and a title. Printed in
 * greyscale the lines still differ: each has its own dash pattern and marker shape besides its
 * colour, and a breach is a shape (ring and cross), not a colour alone.
 *
 * Every text from outside (subgroup names come from imported files) is escaped here; elements
 * carry a class naming what they are, so a test (and anyone reading the SVG) can count them.
 */

/** Fonts with the metrics of Calibri/Arial on Windows, macOS and Linux; resvg uses the first it finds. */
export const chartFontFamily = 'Calibri, Carlito, Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif';

export const chartWidth = 760;

// Okabe–Ito colours (told apart with the common colour-vision deficiencies), a dash pattern and a marker each.
const lineStyles = [
  { colour: '#1A1A1A', dash: '', marker: 'circle', width: 3 },
  { colour: '#0072B2', dash: '9 5', marker: 'square', width: 2.2 },
  { colour: '#D55E00', dash: '2 4', marker: 'triangle', width: 2.2 },
  { colour: '#009E73', dash: '12 4 3 4', marker: 'diamond', width: 2.2 },
  { colour: '#CC79A7', dash: '5 3', marker: 'triangleDown', width: 2.2 },
  { colour: '#E69F00', dash: '14 3 3 3 3 3', marker: 'plus', width: 2.2 },
  { colour: '#56B4E9', dash: '1 3', marker: 'star', width: 2.2 },
] as const;
type Marker = (typeof lineStyles)[number]['marker'];

const breachColour = '#C00000';
const limitColour = '#7A0000';

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Text and attribute values made safe for XML: the five specials escaped, characters XML 1.0 cannot carry dropped. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- dropping the control characters XML cannot carry is the point
  return text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => xmlEntities[c] ?? c);
}

/** At most `max` characters (whole code points), with an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** A tick step of 1, 2 or 5 × a power of ten giving about `target` intervals. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** The value axis: the data and limits with some room, on ticks, inside the metric's scale. */
function valueAxis(data: ChartData): { lo: number; hi: number; ticks: number[]; decimals: number } {
  const values = data.lines.flatMap((l) => l.values.flatMap((v) => (v ? [v.value] : [])));
  const all = [...values, ...data.limits.map((l) => l.value)];
  let lo = all.length ? Math.min(...all) : data.definition.min;
  let hi = all.length ? Math.max(...all) : data.definition.max;
  const span = hi - lo || Math.max(0.05, (data.definition.max - data.definition.min) / 20);
  lo = Math.max(data.definition.min, lo - span * 0.15);
  hi = Math.min(data.definition.max, hi + span * 0.15);
  const step = niceStep(hi - lo || 1, 5);
  lo = Math.max(data.definition.min, Math.floor(lo / step + 1e-9) * step);
  hi = Math.min(data.definition.max, Math.ceil(hi / step - 1e-9) * step);
  if (hi <= lo) hi = lo + step;
  const ticks: number[] = [];
  for (let k = 0; lo + k * step <= hi + step * 1e-6; k++) ticks.push(Number((lo + k * step).toFixed(10)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { lo, hi, ticks, decimals };
}

function markerPath(marker: Marker, x: number, y: number, r: number): string {
  const p = (dx: number, dy: number) => `${num(x + dx)},${num(y + dy)}`;
  switch (marker) {
    case 'circle':
      return `M${p(-r, 0)}A${num(r)},${num(r)} 0 1,0 ${p(r, 0)}A${num(r)},${num(r)} 0 1,0 ${p(-r, 0)}Z`;
    case 'square':
      return `M${p(-r, -r)}L${p(r, -r)}L${p(r, r)}L${p(-r, r)}Z`;
    case 'triangle':
      return `M${p(0, -r * 1.2)}L${p(r * 1.1, r * 0.8)}L${p(-r * 1.1, r * 0.8)}Z`;
    case 'triangleDown':
      return `M${p(0, r * 1.2)}L${p(r * 1.1, -r * 0.8)}L${p(-r * 1.1, -r * 0.8)}Z`;
    case 'diamond':
      return `M${p(0, -r * 1.3)}L${p(r * 1.3, 0)}L${p(0, r * 1.3)}L${p(-r * 1.3, 0)}Z`;
    case 'plus': {
      const t = r * 0.45;
      return `M${p(-t, -r * 1.2)}L${p(t, -r * 1.2)}L${p(t, -t)}L${p(r * 1.2, -t)}L${p(r * 1.2, t)}L${p(t, t)}L${p(t, r * 1.2)}L${p(-t, r * 1.2)}L${p(-t, t)}L${p(-r * 1.2, t)}L${p(-r * 1.2, -t)}L${p(-t, -t)}Z`;
    }
    case 'star': {
      const pts: string[] = [];
      for (let k = 0; k < 10; k++) {
        const a = (Math.PI / 5) * k - Math.PI / 2;
        const rr = k % 2 === 0 ? r * 1.4 : r * 0.6;
        pts.push(p(rr * Math.cos(a), rr * Math.sin(a)));
      }
      return `M${pts.join('L')}Z`;
    }
  }
}

const text = (x: number, y: number, value: string, attrs: string): string => `<text x="${num(x)}" y="${num(y)}" ${attrs}>${escapeXml(value)}</text>`;

/** Month labels that fit: every month up to 13 months, then every second or third. */
function labelledMonths(count: number): (i: number) => boolean {
  const every = count <= 13 ? 1 : count <= 26 ? 2 : Math.ceil(count / 12);
  return (i) => i % every === 0;
}

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  title: string;
  description: string;
}

/** The SVG of one metric's chart. */
export function monitoringChartSvg(data: ChartData): ChartSvg {
  const title = chartTitle(data);
  const description = chartDescription(data);
  const font = 14;
  const left = 64;
  const right = 24;
  const top = 62;
  const plotHeight = 300;
  const plotWidth = chartWidth - left - right;
  const axisBottom = top + plotHeight;
  const { lo, hi, ticks, decimals } = valueAxis(data);
  const months = data.months;
  const xAt = (i: number) => left + (months.length <= 1 ? plotWidth / 2 : (plotWidth * (i + 0.5)) / months.length);
  const yAt = (v: number) => top + plotHeight - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotHeight;

  // Legend entries: the lines, then what a limit and a breach look like.
  const legend: { label: string; draw: (x: number, y: number) => string }[] = data.lines.map((line, k) => {
    const s = lineStyles[k % lineStyles.length] ?? lineStyles[0];
    return {
      label: clip(line.label, 36),
      draw: (x, y) =>
        `<line class="legend-line" x1="${num(x)}" y1="${num(y)}" x2="${num(x + 34)}" y2="${num(y)}" stroke="${s.colour}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` +
        `<path class="legend-marker" d="${markerPath(s.marker, x + 17, y, 4.5)}" fill="${s.colour}" stroke="#FFFFFF" stroke-width="1"/>`,
    };
  });
  if (data.limits.length) {
    legend.push({
      label: 'Limit (outside it shaded)',
      draw: (x, y) => `<rect x="${num(x)}" y="${num(y - 6)}" width="34" height="12" fill="${limitColour}" fill-opacity="0.12"/><line x1="${num(x)}" y1="${num(y)}" x2="${num(x + 34)}" y2="${num(y)}" stroke="${limitColour}" stroke-width="1.6" stroke-dasharray="6 3"/>`,
    });
  }
  if (data.lines.some((l) => l.values.some((v) => v?.breached))) legend.push({ label: 'Outside a limit', draw: (x, y) => breachMark(x + 17, y, 'legend-breach') });
  const charWidth = font * 0.56;
  const entryWidths = legend.map((e) => 34 + 8 + Array.from(e.label).length * charWidth + 22);
  const legendRows: { entries: number[] }[] = [{ entries: [] }];
  let used = 0;
  entryWidths.forEach((w, i) => {
    const current = legendRows.at(-1);
    if (!current) return;
    if (used + w > chartWidth - left - right && current.entries.length > 0) {
      legendRows.push({ entries: [i] });
      used = w;
    } else {
      current.entries.push(i);
      used += w;
    }
  });
  const legendTop = axisBottom + 52;
  const height = legendTop + legendRows.length * 24 + 10;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chartWidth}" height="${height}" viewBox="0 0 ${chartWidth} ${height}" font-family="${escapeXml(chartFontFamily)}" font-size="${font}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(description)}</desc>`,
    `<rect class="background" x="0" y="0" width="${chartWidth}" height="${height}" fill="#FFFFFF"/>`,
    text(left, 26, clip(title, 80), 'class="title" font-size="18" font-weight="bold" fill="#1A1A1A"'),
    text(left, 46, clip(data.definition.unit, 100), 'class="subtitle" font-size="13" fill="#404040"'),
  );

  // Shaded zones outside each limit, then the limit lines with their labels.
  for (const limit of data.limits) {
    const y = yAt(limit.value);
    const [from, to] = limit.kind === 'min' ? [y, axisBottom] : [top, y];
    if (to > from) out.push(`<rect class="limit-zone" x="${left}" y="${num(from)}" width="${plotWidth}" height="${num(to - from)}" fill="${limitColour}" fill-opacity="0.08"/>`);
  }
  // Grid and value ticks.
  for (const t of ticks) {
    const y = yAt(t);
    out.push(`<line class="grid" x1="${left}" y1="${num(y)}" x2="${left + plotWidth}" y2="${num(y)}" stroke="#D9D9D9" stroke-width="1"/>`);
    out.push(text(left - 8, y + 5, t.toFixed(decimals), 'class="y-label" text-anchor="end" fill="#404040"'));
  }
  for (const limit of data.limits) {
    const y = yAt(limit.value);
    out.push(`<line class="limit" x1="${left}" y1="${num(y)}" x2="${left + plotWidth}" y2="${num(y)}" stroke="${limitColour}" stroke-width="1.6" stroke-dasharray="6 3"/>`);
    const label = clip(`${limit.kind === 'min' ? 'Lower limit' : 'Upper limit'} ${valueWords(limit.value)} (${limit.appliesTo.join(', ')})`, 70);
    // Above a lower limit's line, below an upper one's: the label sits on the acceptable side.
    out.push(text(left + plotWidth - 6, limit.kind === 'min' ? y - 6 : y + 16, label, `class="limit-label" text-anchor="end" font-size="12" fill="${limitColour}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke"`));
  }
  // Axes.
  out.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${axisBottom}" stroke="#404040" stroke-width="1.2"/>`);
  out.push(`<line class="axis" x1="${left}" y1="${axisBottom}" x2="${left + plotWidth}" y2="${axisBottom}" stroke="#404040" stroke-width="1.2"/>`);
  const shown = labelledMonths(months.length);
  months.forEach((m, i) => {
    const x = xAt(i);
    out.push(`<line class="x-tick" x1="${num(x)}" y1="${axisBottom}" x2="${num(x)}" y2="${axisBottom + 5}" stroke="#404040"/>`);
    if (!shown(i)) return;
    const [name = '', year = ''] = monthWords(m).split(' ');
    // The year under the first month and every January.
    const withYear = i === 0 || m.endsWith('-01');
    out.push(text(x, axisBottom + 20, name, 'class="x-label" text-anchor="middle" fill="#404040"'));
    if (withYear) out.push(text(x, axisBottom + 36, year, 'class="x-year" text-anchor="middle" font-size="12" fill="#404040"'));
  });

  // The lines: one polyline per run of consecutive months with data (a gap breaks the line), a marker per value.
  data.lines.forEach((line, k) => out.push(seriesSvg(line, lineStyles[k % lineStyles.length] ?? lineStyles[0], xAt, yAt)));

  // The legend.
  legendRows.forEach((r, rowIndex) => {
    let x = left;
    const y = legendTop + rowIndex * 24;
    for (const i of r.entries) {
      const entry = legend[i];
      if (!entry) continue;
      out.push(`<g class="legend-item">${entry.draw(x, y)}${text(x + 42, y + 5, entry.label, 'fill="#1A1A1A"')}</g>`);
      x += entryWidths[i] ?? 0;
    }
  });
  out.push('</svg>');
  return { svg: out.join(''), width: chartWidth, height, title, description };
}

/** A value outside a limit: a ring and a cross, readable without colour. */
function breachMark(x: number, y: number, cls: string): string {
  const r = 9;
  const c = 5;
  return (
    `<g class="${cls}"><circle cx="${num(x)}" cy="${num(y)}" r="${r}" fill="none" stroke="${breachColour}" stroke-width="2.2"/>` +
    `<path d="M${num(x - c)},${num(y - c)}L${num(x + c)},${num(y + c)}M${num(x - c)},${num(y + c)}L${num(x + c)},${num(y - c)}" stroke="${breachColour}" stroke-width="2.2"/></g>`
  );
}

function seriesSvg(line: ChartLine, s: (typeof lineStyles)[number], xAt: (i: number) => number, yAt: (v: number) => number): string {
  const parts: string[] = [];
  const subgroup = escapeXml(line.subgroup);
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) {
      parts.push(`<polyline class="series" data-subgroup="${subgroup}" points="${run.join(' ')}" fill="none" stroke="${s.colour}" stroke-width="${s.width}" stroke-linejoin="round"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    }
    run = [];
  };
  line.values.forEach((v, i) => {
    if (v === null) flush();
    else run.push(`${num(xAt(i))},${num(yAt(v.value))}`);
  });
  flush();
  line.values.forEach((v, i) => {
    if (v === null) return;
    const x = xAt(i);
    const y = yAt(v.value);
    parts.push(`<path class="marker" data-subgroup="${subgroup}" d="${markerPath(s.marker, x, y, 4.5)}" fill="${s.colour}" stroke="#FFFFFF" stroke-width="1"/>`);
    if (v.breached) parts.push(breachMark(x, y, 'breach'));
  });
  return `<g class="line" data-subgroup="${subgroup}">${parts.join('')}</g>`;
}
