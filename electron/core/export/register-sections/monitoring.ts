import { ImageRun, Paragraph, type FileChild } from 'docx';
import { metricDefinitions, monitoringMetrics, type MonitoringBreach, type MonitoringMetric } from '../../../contract/monitoring.ts';
import { chartData, monthWords, subgroupWords, valueWords, type ChartData, type ChartLine, type Criterion } from '../charts/monitoring-chart-data.ts';
import { monitoringChartSvg, type ChartSvg } from '../charts/monitoring-chart-svg.ts';
import { ChartNotDrawn, renderChartPng } from '../charts/render-png.ts';
import type { RegisterModel, RegisterMonitoring } from '../register-model.ts';
import { body, bullets, dateTime, headerRow } from '../word/blocks.ts';
import { styleIds } from '../word/document-styles.ts';
import { column, fitColumns, keepTogether } from '../word/fit.ts';
import { LazyBlocks, row, table, textCell, textPara, type Xml } from '../word/ooxml.ts';
import type { Outline } from '../word/outline.ts';
import { textWidth } from '../word/page-frame.ts';

/*
 * "Monitoring after go-live" (issue 20): per system with monitoring data or acceptance criteria,
 * the criteria in force and where they come from, whether data is overdue, a chart per watched
 * metric with its threshold and subgroup lines, and beside each chart a table of the same values
 * (breaches said in words, not by colour), then the breaches in words.
 *
 * The charts are pictures, so this section is written by docx itself (its ImageRuns carry the
 * media and relationships), not spliced in as text like the bulky parts: it is a few pages.
 * Each picture has alt text (title and a description of what it shows). A chart that cannot be
 * drawn on this computer (render-png.ts) is replaced by a sentence saying so; the table under it
 * holds the same values, so the register is never wrong, only plainer.
 */

/** At most this many charts per system (one per metric with criteria); further metrics get their table only. */
export const maxChartsPerSystem = 6;
/** Width of a chart on the page, in pixels at 96 per inch: 15.9 cm of the 17 cm text width. */
export const chartDisplayWidth = 600;
/** Subgroup columns per value table; more subgroups continue in a further table. */
const subgroupsPerTable = 6;
/** Breaches listed per system; the rest are counted. */
const breachesListed = 20;

export type DrawChart = (svg: string) => Promise<{ png: Uint8Array; width: number; height: number }>;

const limitsWords = (c: Criterion): string =>
  [c.min === null ? '' : `at least ${valueWords(c.min)}`, c.max === null ? '' : `at most ${valueWords(c.max)}`, c.maxGap === null ? '' : `within ${valueWords(c.maxGap)} of overall`].filter(Boolean).join('; ');

const breachKey = (metric: string, subgroup: string, period: string) => `${metric}|${subgroup}|${period}`;

function breachWords(b: MonitoringBreach): string {
  if (b.kind === 'belowMin') return `below ${valueWords(b.limit)}`;
  if (b.kind === 'aboveMax') return `above ${valueWords(b.limit)}`;
  return `beyond the allowed gap from overall${b.overall === null ? '' : ` (${valueWords(b.overall)})`}`;
}

/** The chart's values as a table: a row per month, a column per line, breaches in words. */
function valueTables(data: ChartData, m: RegisterMonitoring, model: RegisterModel): Xml[] {
  const breaches = new Map<string, MonitoringBreach[]>();
  for (const b of m.breaches.filter((x) => x.metric === data.metric)) {
    const key = breachKey(b.metric, b.subgroup, b.period);
    breaches.set(key, [...(breaches.get(key) ?? []), b]);
  }
  const cellWords = (line: ChartLine, i: number): string => {
    const v = line.values[i];
    const month = data.months[i] ?? '';
    if (!v) return 'No data';
    const words = `${valueWords(v.value)} (n = ${v.n.toLocaleString('en-GB')})`;
    if (!v.breached) return words;
    const why = (breaches.get(breachKey(data.metric, line.subgroup, month)) ?? []).map(breachWords);
    return `${words}: outside the limit${why.length ? `, ${why.join('; ')}` : ''}`;
  };
  const lines = [...data.lines, ...data.notDrawn];
  const out: Xml[] = [];
  for (let from = 0; from < lines.length; from += subgroupsPerTable) {
    const chunk = lines.slice(from, from + subgroupsPerTable);
    const headers = ['Month', ...chunk.map((l) => l.label)];
    const cells = data.months.map((month, i) => [keepTogether(monthWords(month)), ...chunk.map((l) => cellWords(l, i))]);
    const widths = fitColumns(
      headers.map((h, k) => column(h, cells.map((c) => c[k] ?? ''), k === 0 ? 0 : 1)),
      textWidth.portrait,
    );
    out.push(
      table(widths, [
        headerRow(headers, model.style),
        ...cells.map((c) => row(c.map((text, k) => (k > 0 && text.includes('outside the limit') ? textCell(text, { bold: true }) : textCell(text))))),
      ]),
    );
    if (from + subgroupsPerTable < lines.length) out.push(body('The table continues with further subgroups:'));
  }
  return out;
}

const criteriaColumns = ['Metric', 'Subgroup', 'Limits', 'Why this limit'] as const;

function criteriaBlocks(m: RegisterMonitoring, model: RegisterModel): Xml[] {
  const criteria = m.criteria;
  if (!criteria || criteria.criteria.length === 0) {
    return [body('No acceptance criteria are recorded: the local validation assessment sets the metrics to watch and their limits, and until it does a value is never outside a limit.')];
  }
  const intro = `The criteria in force come from ${m.criteriaFrom ?? criteria.assessmentId}, recorded by ${criteria.recordedBy} on ${dateTime(criteria.recordedAt)}. Review period: ${criteria.reviewPeriod}.`;
  const cells = criteria.criteria.map((c) => [metricDefinitions[c.metric].label, subgroupWords(c.subgroup), limitsWords(c), c.rationale || '—']);
  const widths = fitColumns(
    criteriaColumns.map((h, k) => column(h, cells.map((c) => c[k] ?? ''), [0.6, 0.8, 1, 2][k])),
    textWidth.portrait,
  );
  return [body(intro), table(widths, [headerRow(criteriaColumns, model.style), ...cells.map((c) => row(c.map((text) => textCell(text))))])];
}

function dataStatus(m: RegisterMonitoring): string {
  if (m.latestPeriod === null) return `No monitoring data has been imported yet${m.overdue ? `, and it is overdue: the criteria ask for a ${m.criteria?.reviewPeriod ?? 'monthly'} review` : ''}.`;
  const files = `${m.imports.count} monitoring file${m.imports.count === 1 ? '' : 's'} imported${m.imports.latestAt ? `, the latest on ${dateTime(m.imports.latestAt)}` : ''}`;
  const overdue = m.overdue
    ? ` Monitoring data is overdue: the latest month with data is more than one ${m.criteria?.reviewPeriod === 'quarterly' ? 'quarter' : 'month'} (the review period) before this month.`
    : '';
  return `Latest month with data: ${monthWords(m.latestPeriod)} (${files}).${overdue}`;
}

/** Groups consecutive blocks into one docx component; pictures stand between them. */
class Children {
  readonly list: FileChild[] = [];
  #pending: Xml[] = [];

  add(...blocks: Xml[]): void {
    this.#pending.push(...blocks);
  }

  picture(paragraph: Paragraph): void {
    this.flush();
    this.list.push(paragraph);
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const blocks = this.#pending;
    this.#pending = [];
    this.list.push(new LazyBlocks(() => blocks));
  }
}

/** A watched metric of a system: its chart data, and (for the first few) its picture being drawn. */
interface MetricPlan {
  metric: MonitoringMetric;
  data: ChartData;
  chart: ChartSvg | null;
  drawn: Promise<Drawn> | null;
}
/** A drawing's outcome, never a rejected promise (the pictures are drawn ahead, awaited in order). */
type Drawn = { image: Awaited<ReturnType<DrawChart>> } | { notDrawn: ChartNotDrawn } | { failed: unknown };

/** Renders at most `limit` pictures at once, in the order asked: resvg runs on the thread pool. */
function limited(draw: DrawChart, limit: number): (svg: string) => Promise<Drawn> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (svg) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return { image: await draw(svg) };
    } catch (error) {
      return error instanceof ChartNotDrawn ? { notDrawn: error } : { failed: error };
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

const hasData = (m: RegisterMonitoring, metric: MonitoringMetric) => m.series.some((s) => s.metric === metric && s.points.length > 0);

/** The metrics with criteria and data, in the contract's order; the first `maxChartsPerSystem` charted. */
function planOf(m: RegisterMonitoring, draw: (svg: string) => Promise<Drawn>): MetricPlan[] {
  const watched = monitoringMetrics.filter((metric) => m.criteria?.criteria.some((c) => c.metric === metric) && hasData(m, metric));
  return watched.map((metric, k) => {
    const data = chartData(metric, m.series, m.criteria?.criteria ?? []);
    const chart = k < maxChartsPerSystem ? monitoringChartSvg(data) : null;
    return { metric, data, chart, drawn: chart ? draw(chart.svg) : null };
  });
}

async function systemMonitoring(m: RegisterMonitoring, plan: MetricPlan[], model: RegisterModel, outline: Outline, out: Children, figure: { n: number }): Promise<void> {
  out.add(outline.heading(2, m.systemName), body(dataStatus(m)), ...criteriaBlocks(m, model));
  for (const metric of plan) await metricBlocks(metric, m, model, outline, out, figure);
  if (plan.length > maxChartsPerSystem) out.add(body(`Charts are drawn for the first ${maxChartsPerSystem} metrics with criteria; the others are given as tables.`));
  const unwatched = monitoringMetrics.filter((metric) => !plan.some((p) => p.metric === metric) && hasData(m, metric));
  if (unwatched.length) {
    out.add(body(`Also imported, without acceptance criteria (not charted here; the values are in the app): ${unwatched.map((x) => metricDefinitions[x].label).join(', ')}.`));
  }
  out.add(outline.heading(3, 'Values outside their limits'));
  const listed = m.breaches.slice(0, breachesListed).map((b) => b.words);
  const none = m.latestPeriod === null ? 'None: no monitoring data yet.' : m.criteria ? 'None: every value imported is within its limits.' : 'None: no limits are set.';
  out.add(...bullets(listed, none));
  if (m.breaches.length > breachesListed) out.add(body(`And ${m.breaches.length - breachesListed} more, earlier; the app lists them all.`));
}

async function metricBlocks(plan: MetricPlan, m: RegisterMonitoring, model: RegisterModel, outline: Outline, out: Children, figure: { n: number }): Promise<void> {
  const { metric, data, chart, drawn } = plan;
  out.add(outline.heading(3, metricDefinitions[metric].label));
  if (chart && drawn) {
    figure.n += 1;
    const result = await drawn;
    if ('failed' in result) throw result.failed;
    if ('image' in result) {
      const { image } = result;
      const height = Math.round((chartDisplayWidth * image.height) / image.width);
      out.picture(
        new Paragraph({
          style: styleIds.figure,
          children: [
            new ImageRun({
              type: 'png',
              data: image.png,
              transformation: { width: chartDisplayWidth, height },
              altText: { name: `Monitoring chart ${figure.n}`, title: chart.title, description: `${chart.title}. ${chart.description}` },
            }),
          ],
        }),
      );
      out.add(textPara(`Figure ${figure.n}: ${chart.title}, ${m.systemName}. The table below gives the same values.`, { style: styleIds.caption }));
    } else {
      out.add(textPara(`Figure ${figure.n}: the chart "${chart.title}" could not be drawn on this computer (${result.notDrawn.message}). The table below gives the same values.`, { style: styleIds.caption }));
    }
  } else {
    out.add(textPara(`${metricDefinitions[metric].label} of ${m.systemName} by month:`, { style: styleIds.caption }));
  }
  out.add(...valueTables(data, m, model));
}

/** Pictures drawn at once: resvg renders on libuv's pool (four threads by default). */
const drawingAtOnce = 3;

/**
 * The section's docx components, or none when no system in scope has monitoring. Its headings
 * go into the outline as they are made, so call it where the section stands in the document.
 * Every chart is started first (a few at a time) and the section written in order as they finish.
 */
export async function monitoringChildren(model: RegisterModel, outline: Outline, draw: DrawChart = renderChartPng): Promise<FileChild[]> {
  if (model.monitoring.length === 0) return [];
  const drawing = limited(draw, drawingAtOnce);
  const plans = model.monitoring.map((m) => planOf(m, drawing));
  const out = new Children();
  out.add(
    outline.heading(1, 'Monitoring after go-live', true),
    body(
      'For each system with monitoring: the acceptance criteria its local validation set, a chart per watched metric with its limits (values outside a limit are ringed and crossed), a table of the same values, and the values found outside their limits. Each breach recorded a drift event and made the system due for re-assessment.',
    ),
  );
  const figure = { n: 0 };
  for (const [i, m] of model.monitoring.entries()) await systemMonitoring(m, plans[i] ?? [], model, outline, out, figure);
  out.flush();
  return out.list;
}
