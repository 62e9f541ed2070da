/**
 * The benchmark as one self-contained HTML file a learner opens in any browser: the
 * summary table and two inline SVG plots (latency distribution and percentiles). No
 * scripts, no CDN, no network: it must open offline, years later.
 */
import { formatMillis, histogram, logBounds } from './histogram.js';
import type { LatencySummary } from './latency.js';

export interface ReportSeries {
  summary: LatencySummary;
  millis: readonly number[];
}

export interface BenchmarkReport {
  title: string;
  /** When and where it ran, in the learner's words: `the local sandbox, 2026-11-23 03:40 UTC`. */
  context: string;
  series: ReportSeries[];
  /** Extra facts shown under the table: hit ratio, speed-up. */
  facts: string[];
}

const COLORS = ['#2b7bb9', '#e07b00', '#3a9d3a', '#b93a7b'];
const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

export function benchmarkHtml(report: BenchmarkReport): string {
  const rows = report.series
    .map(({ summary }) => `<tr><td>${escape(summary.name)}</td><td>${summary.samples}</td>${PERCENTILES.map((p) => `<td>${formatMillis(summary[p])}</td>`).join('')}<td>${Math.round(summary.throughputPerSecond)}/s</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(report.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}svg{display:block;margin:1rem 0}figcaption{color:#555}</style></head>
<body><h1>${escape(report.title)}</h1><p>${escape(report.context)}</p>
<table><thead><tr><th>measure</th><th>samples</th>${PERCENTILES.map((p) => `<th>${p}</th>`).join('')}<th>throughput</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<ul>${report.facts.map((fact) => `<li>${escape(fact)}</li>`).join('')}</ul>
<figure>${distributionSvg(report.series)}<figcaption>Share of samples per latency range (log scale): the further left, the faster.</figcaption></figure>
<figure>${percentileSvg(report.series)}<figcaption>Latency at each percentile (log scale): the tail is where users feel a slow backend.</figcaption></figure>
</body></html>
`;
}

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { left: 60, right: 20, top: 30, bottom: 50 };

function legend(series: ReportSeries[]): string {
  return series
    .map((one, index) => `<rect x="${MARGIN.left + index * 220}" y="8" width="12" height="12" fill="${COLORS[index % COLORS.length]}"/><text x="${MARGIN.left + index * 220 + 16}" y="19" font-size="12">${escape(one.summary.name)}</text>`)
    .join('');
}

/** Grouped bars: one group per log bucket, one bar per series, heights as shares of each series. */
export function distributionSvg(series: ReportSeries[]): string {
  const bounds = logBounds(series.map((one) => one.millis));
  const perSeries = series.map((one) => histogram(one.millis, bounds).map((bucket) => (one.millis.length === 0 ? 0 : bucket.count / one.millis.length)));
  const groups = Math.max(bounds.length - 1, 1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const largest = Math.max(...perSeries.flat(), 0.01);
  const groupWidth = plotWidth / groups;
  const barWidth = (groupWidth * 0.8) / Math.max(series.length, 1);
  const bars = perSeries.flatMap((shares, s) =>
    shares.map((share, g) => {
      const height = (share / largest) * plotHeight;
      const x = MARGIN.left + g * groupWidth + groupWidth * 0.1 + s * barWidth;
      return `<rect x="${x.toFixed(1)}" y="${(MARGIN.top + plotHeight - height).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${COLORS[s % COLORS.length]}"><title>${escape(series[s]!.summary.name)}: ${(share * 100).toFixed(1)}%</title></rect>`;
    }),
  );
  const ticks = bounds.map((bound, index) => `<text x="${MARGIN.left + index * groupWidth}" y="${HEIGHT - MARGIN.bottom + 16}" font-size="11" text-anchor="middle">${formatMillis(bound)}</text>`);
  return svg(`${legend(series)}${axes()}${bars.join('')}${ticks.join('')}<text x="${WIDTH / 2}" y="${HEIGHT - 8}" font-size="12" text-anchor="middle">latency</text>`);
}

/** One line per series through p50, p90, p95, p99 and max, on a log latency axis. */
export function percentileSvg(series: ReportSeries[]): string {
  const values = series.flatMap((one) => PERCENTILES.map((p) => one.summary[p]));
  const low = Math.log10(Math.max(Math.min(...values), 0.001) / 1.5);
  const high = Math.log10(Math.max(...values) * 1.5);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (ms: number) => MARGIN.top + plotHeight - ((Math.log10(Math.max(ms, 0.001)) - low) / (high - low || 1)) * plotHeight;
  const x = (index: number) => MARGIN.left + (index + 0.5) * (plotWidth / PERCENTILES.length);
  const lines = series.map((one, s) => {
    const points = PERCENTILES.map((p, index) => `${x(index).toFixed(1)},${y(one.summary[p]).toFixed(1)}`);
    const dots = PERCENTILES.map((p, index) => `<circle cx="${x(index).toFixed(1)}" cy="${y(one.summary[p]).toFixed(1)}" r="3" fill="${COLORS[s % COLORS.length]}"><title>${escape(one.summary.name)} ${p}: ${formatMillis(one.summary[p])}</title></circle>`);
    return `<polyline fill="none" stroke="${COLORS[s % COLORS.length]}" stroke-width="2" points="${points.join(' ')}"/>${dots.join('')}`;
  });
  const xTicks = PERCENTILES.map((p, index) => `<text x="${x(index)}" y="${HEIGHT - MARGIN.bottom + 16}" font-size="11" text-anchor="middle">${p}</text>`);
  const yTicks: string[] = [];
  for (let decade = Math.ceil(low); decade <= Math.floor(high); decade++) {
    const ms = 10 ** decade;
    yTicks.push(`<text x="${MARGIN.left - 6}" y="${y(ms) + 4}" font-size="11" text-anchor="end">${formatMillis(ms)}</text><line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#eee"/>`);
  }
  return svg(`${legend(series)}${yTicks.join('')}${axes()}${lines.join('')}${xTicks.join('')}`);
}

function axes(): string {
  const bottom = HEIGHT - MARGIN.bottom;
  return `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#444"/><line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#444"/>`;
}

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">${body}</svg>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
