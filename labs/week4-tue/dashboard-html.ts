/**
 * The dashboard as one offline HTML file: each metric widget an inline SVG line chart of
 * the data GetMetricData answered, the alarm's state, the Logs Insights table. No scripts,
 * no stylesheets or fonts from elsewhere, no links: it opens in any browser without network.
 */
import type { TimeSeries } from '../../src/output/line-chart.js';

export interface DashboardView {
  name: string;
  /** Where and when it was drawn: `the local sandbox (us-east-1), 2026-12-04T14:10Z`. */
  context: string;
  charts: { title: string; series: TimeSeries[] }[];
  alarm: { name: string; state: string; reason: string; updated?: string };
  insights: { title: string; query: string; columns: string[]; rows: string[][] };
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const STATE_COLORS: Record<string, string> = { OK: '#2ca02c', ALARM: '#d62728', INSUFFICIENT_DATA: '#888888' };

export function dashboardHtml(view: DashboardView): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(view.name)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#222;background:#f4f5f7}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(28rem,1fr));gap:1rem}
section{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.75rem 1rem}
h2{font-size:1rem;margin:0 0 .5rem}table{border-collapse:collapse;width:100%;font-size:12px}
td,th{padding:.2rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.state{display:inline-block;padding:.3rem .8rem;color:#fff;font-weight:bold;border-radius:3px}
code{font-size:12px;word-break:break-all}</style></head>
<body><h1>Dashboard ${escapeHtml(view.name)}</h1><p>${escapeHtml(view.context)}</p>
<div class="grid">
${view.charts.map((chart) => `<section><h2>${escapeHtml(chart.title)}</h2>${lineChartSvg(chart.series)}</section>`).join('\n')}
${alarmSection(view.alarm)}
</div>
${insightsSection(view.insights)}
</body></html>
`;
}

function alarmSection(alarm: DashboardView['alarm']): string {
  const color = STATE_COLORS[alarm.state] ?? '#888888';
  return `<section><h2>Alarm ${escapeHtml(alarm.name)}</h2><p><span class="state" style="background:${color}">${escapeHtml(alarm.state)}</span>${alarm.updated ? ` since ${escapeHtml(alarm.updated)}` : ''}</p><p>${escapeHtml(alarm.reason)}</p></section>`;
}

function insightsSection(insights: DashboardView['insights']): string {
  const head = insights.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = insights.rows.length === 0
    ? `<tr><td colspan="${Math.max(insights.columns.length, 1)}">No results</td></tr>`
    : insights.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<section style="margin-top:1rem"><h2>${escapeHtml(insights.title)}</h2><p><code>${escapeHtml(insights.query)}</code></p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></section>`;
}

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { left: 46, right: 12, top: 12, bottom: 28 };

/** Several series on shared axes (time across, value up), with a legend below. */
export function lineChartSvg(series: readonly TimeSeries[]): string {
  const points = series.flatMap((one) => one.values.map((value, index) => ({ value, at: one.timestamps[index]!.getTime() })));
  const legendRows = Math.ceil(series.length / 2);
  const height = HEIGHT + legendRows * 18;
  if (points.length === 0) return `<svg width="${WIDTH}" height="60" viewBox="0 0 ${WIDTH} 60" role="img"><text x="${MARGIN.left}" y="30" font-size="12">No datapoints in this range</text></svg>`;
  let low = Math.min(...points.map((point) => point.value));
  let high = Math.max(...points.map((point) => point.value));
  if (high - low < 1) {
    low -= 0.5;
    high += 0.5;
  }
  const first = Math.min(...points.map((point) => point.at));
  const last = Math.max(...points.map((point) => point.at));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (at: number) => MARGIN.left + (last === first ? plotWidth / 2 : ((at - first) / (last - first)) * plotWidth);
  const y = (value: number) => MARGIN.top + plotHeight - ((value - low) / (high - low)) * plotHeight;
  const ticks = [0, 0.5, 1].map((share) => low + share * (high - low));
  const grid = ticks
    .map((tick) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#eee"/><text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end">${tick.toFixed(1)}</text>`)
    .join('');
  const timeLabels = [first, last]
    .map((at, index) => `<text x="${x(at).toFixed(1)}" y="${HEIGHT - 8}" font-size="11" text-anchor="${index === 0 ? 'start' : 'end'}">${new Date(at).toISOString().slice(11, 16)} UTC</text>`)
    .join('');
  const lines = series
    .map((one, index) => {
      const path = one.values.map((value, at) => `${x(one.timestamps[at]!.getTime()).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${COLORS[index % COLORS.length]}" stroke-width="1.5" points="${path}"/>`;
    })
    .join('');
  const legend = series
    .map((one, index) => {
      const lx = MARGIN.left + (index % 2) * (plotWidth / 2);
      const ly = HEIGHT + Math.floor(index / 2) * 18 + 4;
      return `<rect x="${lx}" y="${ly}" width="12" height="3" fill="${COLORS[index % COLORS.length]}"/><text x="${lx + 16}" y="${ly + 5}" font-size="11">${escapeHtml(one.label)}</text>`;
    })
    .join('');
  return `<svg width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img">${grid}${timeLabels}${lines}${legend}</svg>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
