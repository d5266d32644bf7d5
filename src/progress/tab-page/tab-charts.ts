/**
 * The charts, with Chart.js (only the parts used, so the bundle stays small). Each canvas is an image with
 * a label that says the numbers; the table beside it says them again for anyone who cannot see the chart.
 * Colours come from the page's theme variables, so the charts follow light, dark and high contrast.
 */
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip } from 'chart.js';
import type { StatusCount } from '../progress-types';

Chart.register(DoughnutController, BarController, ArcElement, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const charts: Chart[] = [];
const css = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const statusColour = (status: string): string => css(`--${status}`);

function describe(counts: StatusCount[]): string {
  return (
    counts
      .filter((c) => c.count > 0)
      .map((c) => `${c.count} ${c.label.toLowerCase()}`)
      .join(', ') || 'no workstreams'
  );
}

/** A doughnut of how many workstreams are in each status now. */
export function statusDoughnut(canvas: HTMLCanvasElement, counts: StatusCount[]): void {
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Doughnut chart of workstream status: ${describe(counts)}.`);
  const shown = counts.filter((c) => c.count > 0);
  charts.push(
    new Chart(canvas, {
      type: 'doughnut',
      data: {
        labels: shown.map((c) => `${c.symbol} ${c.label}`),
        datasets: [
          { data: shown.map((c) => c.count), backgroundColor: shown.map((c) => statusColour(c.status)), borderColor: css('--bg'), borderWidth: 2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'right', labels: { color: css('--fg') } } },
      },
    }),
  );
}

/** Two stacked bars: the statuses at the start of the period and now. */
export function thenNowBars(canvas: HTMLCanvasElement, then: StatusCount[], now: StatusCount[], thenLabel: string): void {
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Stacked bar chart comparing workstream status. ${thenLabel}: ${describe(then)}. Now: ${describe(now)}.`);
  charts.push(
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [thenLabel, 'Now'],
        datasets: now.map((c, i) => ({
          label: `${c.symbol} ${c.label}`,
          data: [then[i]?.count ?? 0, c.count],
          backgroundColor: statusColour(c.status),
          borderColor: css('--bg'),
          borderWidth: 1,
        })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, ticks: { color: css('--fg'), precision: 0 }, grid: { color: css('--line') } },
          y: { stacked: true, ticks: { color: css('--fg') }, grid: { display: false } },
        },
        plugins: { legend: { position: 'bottom', labels: { color: css('--fg') } } },
      },
    }),
  );
}

/** A plain bar chart of counts (concerns by kind or rating). */
export function countBars(canvas: HTMLCanvasElement, label: string, rows: { label: string; count: number; colour?: string }[]): void {
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Bar chart of ${label}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ') || 'none'}.`);
  charts.push(
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [{ label, data: rows.map((r) => r.count), backgroundColor: rows.map((r) => r.colour ?? css('--complete')) }],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { ticks: { color: css('--fg'), precision: 0 }, grid: { color: css('--line') } }, y: { ticks: { color: css('--fg') } } },
        plugins: { legend: { display: false } },
      },
    }),
  );
}

/** Before drawing again (a new period, a theme change). */
export function clearCharts(): void {
  for (const chart of charts.splice(0)) chart.destroy();
}
