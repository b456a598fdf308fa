// Dashboards. Every chart takes JSON from one endpoint of the application's analyst API (/api/analytics/…, built on
// Elasticsearch by its own issue) in one shape:
//   { "labels": ["张浦", "周市"], "series": [{ "name": "合同金额", "data": [800000, 800000] }], "unit": "元" }
// A card whose endpoint does not answer says so in officials' words. The first card is computed from the engine's
// REST API. Above the charts: the analyst tables as .xlsx (rounds.js).
import { Chart, registerables } from 'chart.js';
import { appGet, search } from './api.js';
import { exportsCard } from './rounds.js';
import { h, renderer } from './dom.js';
import { INSTANCE_STATES } from './labels.js';

Chart.register(...registerables);
Chart.defaults.font.family = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const ANALYTICS_CHARTS = [
  { id: 'contracts-by-district', title: '各区镇合同金额', type: 'bar', url: '/api/analytics/contracts/by-district' },
  { id: 'payments-by-month', title: '资金拨付进度', type: 'line', url: '/api/analytics/payments/by-month' },
  { id: 'evaluation-grades', title: '评估等级分布', type: 'doughnut', url: '/api/analytics/evaluations/grades' },
  { id: 'provider-ratings', title: '承接机构动态评级', type: 'bar', url: '/api/analytics/providers/ratings' },
];

const COLOURS = ['#1f6feb', '#2da44e', '#d29922', '#cf222e', '#8250df', '#57606a'];
const STATE_COLOURS = { ACTIVE: '#1f6feb', COMPLETED: '#2da44e', TERMINATED: '#8c959f' };

function draw(canvas, type, data) {
  const single = type === 'doughnut' || type === 'pie';
  return new Chart(canvas, {
    type,
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.name,
        data: s.data,
        backgroundColor: single ? COLOURS : s.colour ?? COLOURS[i % COLOURS.length],
        borderColor: single ? '#fff' : s.colour ?? COLOURS[i % COLOURS.length],
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: single ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: data.unit ? { label: (c) => `${c.dataset.label}：${c.formattedValue} ${data.unit}` } : {} } },
    },
  });
}

function card(id, title) {
  const canvas = h('canvas');
  const note = h('p', { class: 'muted' });
  const box = h('section', { class: 'card chart', 'data-chart': id }, h('h2', {}, title), h('div', { class: 'chart-box' }, canvas), note);
  return { box, canvas, note };
}

/**
 * Instances per process and state, from POST /v2/process-instances/search (one count query per pair, page.limit 0,
 * sent side by side: the browser runs six at a time).
 */
async function instancesByProcess() {
  const definitions = await search('process-definitions', { filter: { isLatestVersion: true }, page: { from: 0, limit: 20 } });
  const labels = definitions.items.map((d) => d.name || d.processDefinitionId);
  const series = await Promise.all(Object.keys(INSTANCE_STATES).map(async (state) => {
    const data = await Promise.all(definitions.items.map(async (d) => {
      const result = await search('process-instances', { filter: { processDefinitionId: d.processDefinitionId, state }, page: { from: 0, limit: 0 } });
      return result.page?.totalItems ?? result.items.length;
    }));
    return { name: INSTANCE_STATES[state], data, colour: STATE_COLOURS[state] };
  }));
  return { labels, series, unit: '个' };
}

export async function showDashboards() {
  const render = renderer();
  const engineCard = card('instances-by-process', '流程实例（按流程与状态）');
  const cards = ANALYTICS_CHARTS.map((chart) => ({ chart, ...card(chart.id, chart.title) }));
  const exports = await exportsCard().catch(() => null);
  render(h('div', { class: 'page-head' }, h('h1', {}, '统计看板')),
    h('p', { class: 'muted' }, '合同、拨付、评估与承接机构的统计来自承接机构资质与服务效能数据库，流程实例来自流程引擎。'),
    exports,
    h('div', { class: 'charts' }, engineCard.box, cards.map((c) => c.box)));
  instancesByProcess()
    .then((data) => {
      draw(engineCard.canvas, 'bar', data);
      engineCard.box.dataset.drawn = 'true';
    })
    .catch((e) => { engineCard.note.textContent = `无法统计：${e.message}`; });
  for (const { chart, canvas, note, box } of cards) {
    appGet(chart.url)
      .then((data) => {
        draw(canvas, chart.type, data);
        box.dataset.drawn = 'true';
      })
      .catch(() => {
        box.classList.add('pending');
        canvas.parentElement.append(h('span', { class: 'muted' }, '暂无数据'));
        note.textContent = '暂时无法读取统计数据，请稍后刷新；如持续出现请联系系统管理员。';
      });
  }
}
