// Rounds, contracts and audit trails: where each unit of a procurement round stands (one row per unit, its stage
// and a timeline), everything about one contract, and who did what — from the application's /api/rounds,
// /api/contracts and …/audit (the registry and the engine's history; the application decides who sees which unit).
import { appDownload, appGet, describe } from './api.js';
import { badge, flash, formatDate, h, renderer, table } from './dom.js';
import { documentUrl, downloadDocument } from './documents.js';
import { currentUser, isAnalyst } from './session.js';

const DAY_FORMAT = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
const day = (iso) => (iso ? DAY_FORMAT.format(new Date(iso)) : '—');

/** Fen as yuan with two decimals: 24000000 → "240,000.00". */
export function yuan(fen) {
  return (Number(fen ?? 0) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const STAGE_KINDS = {
  NOT_STARTED: '', NEEDS_BOOK: 'info', PREPARING: 'info', TENDERING: 'info', EVALUATING: 'info', AWARDED: 'info',
  SIGNING: 'warning', IN_SERVICE: 'info', TERMINATED: 'danger', REPROCURED: 'warning', COMPLETED: 'success', ENDED: '',
};
const EVALUATION_KINDS = { MIDTERM: '中期评估', MID_TERM: '中期评估', ANNUAL: '年度评估', FINAL: '终期评估' };
const CONTRACT_STATES = { SIGNED: '履约中', TERMINATED: '已终止', COMPLETED: '履约完毕' };

async function download(path, fileName, button) {
  button.disabled = true;
  try {
    await appDownload(path, fileName);
  } catch (e) {
    flash(`下载失败：${describe(e)}`, 'error');
  } finally {
    button.disabled = false;
  }
}

function downloadButton(title, path, fileName, testid) {
  const button = h('button', { type: 'button', 'data-testid': testid, onclick: () => download(path, fileName, button) }, title);
  return button;
}

export async function showRounds() {
  const render = renderer();
  const rounds = await appGet('/api/rounds');
  render(h('div', { class: 'page-head' }, h('h1', {}, '采购轮次')),
    h('p', { class: 'muted' }, '每个采购轮次各单元所处阶段、合同履约与资金拨付情况。'),
    table(['年度', '名称', '采购单元', '合同', '状态'], rounds.map((r) => h('tr', { 'data-round': r.roundYear },
      h('td', {}, h('a', { href: `#/rounds/${r.roundYear}` }, `${r.roundYear}年`)),
      h('td', {}, r.roundName),
      h('td', { class: 'num' }, r.units),
      h('td', { class: 'num' }, r.contracts),
      h('td', {}, r.inProgress ? badge('进行中', 'info') : badge('已结束', 'success')))),
    { empty: '还没有采购轮次。', testid: 'round-table' }));
}

/** Where a date falls in the window, 0–100 %. */
function position(iso, from, to) {
  const t = new Date(iso).getTime();
  return Math.max(0, Math.min(100, ((t - from) / (to - from)) * 100));
}

function timeline(events, from, to) {
  const ticks = [];
  for (let year = new Date(from).getFullYear(); year <= new Date(to).getFullYear() + 1; year++) {
    const at = new Date(`${year}-01-01T00:00:00+08:00`).getTime();
    if (at > from && at < to) ticks.push(h('span', { class: 'tick', 'aria-hidden': 'true', style: `left:${position(at, from, to)}%` }, String(year)));
  }
  // one list per unit for screen readers; the dots are not tab stops (15 units × two years would be hundreds of
  // them between the table's links): the same events are in the row's text and the contract page
  return h('div', { class: 'timeline', role: 'list', 'aria-label': `时间轴，${events.length} 个事项` }, ticks,
    events.map((e) => {
      const label = `${day(e.at)} ${e.label}${e.late ? '（逾期）' : ''}`;
      return h('span', {
        class: `dot ${e.kind.startsWith('Task_') || e.kind.startsWith('Timer_') ? 'procurement' : e.kind}${e.late ? ' late' : ''}`,
        style: `left:${position(e.at, from, to)}%`, role: 'listitem', title: label, 'aria-label': label,
      });
    }));
}

export async function showRound(year) {
  const render = renderer();
  const page = await appGet(`/api/rounds/${year}`);
  const from = new Date(`${page.from}T00:00:00+08:00`).getTime();
  const to = new Date(`${page.to}T23:59:59+08:00`).getTime();
  const late = page.units.filter((u) => u.lateReasons.length).length;
  const rows = page.units.map((u) => h('tr', { 'data-unit': u.unitCode, 'data-stage': u.stage, class: u.lateReasons.length ? 'late' : '' },
    h('th', { scope: 'row' }, u.district, h('div', { class: 'muted small' }, u.projectNo)),
    h('td', { 'data-testid': 'unit-stage' }, badge(u.stageName, STAGE_KINDS[u.stage] ?? ''),
      u.lateReasons.length ? [' ', badge('逾期', 'danger')] : null),
    h('td', {}, u.providerName || '—', h('div', { class: 'muted small' }, u.detail),
      u.lateReasons.length ? h('ul', { class: 'late-reasons' }, u.lateReasons.map((r) => h('li', {}, r))) : null),
    h('td', { class: 'num' }, `${yuan(u.paidFen)} / ${yuan(u.contractValueFen)}`),
    h('td', { class: 'timeline-cell' }, timeline(u.events, from, to)),
    h('td', { class: 'links' },
      u.contractNo ? h('a', { href: `#/contracts/${encodeURIComponent(u.contractNo)}` }, '合同') : null,
      u.unitInstanceKey && isAnalyst(currentUser()) ? h('a', { href: `#/processes/instances/${u.unitInstanceKey}` }, '流程') : null)));
  render(h('a', { href: '#/rounds', class: 'back' }, '← 全部轮次'),
    h('div', { class: 'page-head' }, h('h1', {}, page.roundName),
      h('div', { class: 'tools' }, downloadButton('下载进度汇总（PDF）', `/api/rounds/${year}/summary.pdf`, `${year}年采购轮次进度汇总.pdf`, 'round-pdf'))),
    h('p', { 'data-testid': 'round-facts' },
      `采购单元 ${page.units.length} 个 · 合同金额 ${yuan(page.contractValueFen)} 元 · 已拨付 ${yuan(page.paidFen)} 元`,
      late ? [' · ', badge(`${late} 个单元有逾期事项`, 'danger')] : ' · 无逾期事项',
      h('span', { class: 'muted' }, ` · 统计至 ${day(page.asOf)}`)),
    h('p', { class: 'legend' }, h('span', { class: 'dot-key signed' }), '签约 ', h('span', { class: 'dot-key payment' }), '拨付 ',
      h('span', { class: 'dot-key evaluation' }), '评估 ', h('span', { class: 'dot-key failed' }), '评估不合格 ',
      h('span', { class: 'dot-key complaint' }), '投诉 ', h('span', { class: 'dot-key procurement' }), '采购环节 ',
      h('span', { class: 'dot-key late' }), '逾期', h('span', { class: 'muted' }, `（${day(page.from)} 至 ${day(page.to)}）`)),
    h('div', { class: 'scroll' }, table(['采购单元', '当前阶段', '承接机构与进展', '已拨付 / 合同金额（元）', '时间轴', '查看'], rows,
      { empty: '没有您可查看的采购单元。', testid: 'round-units', caption: `${page.roundName}：各采购单元进度` })));
}

export async function showContract(contractNo) {
  const render = renderer();
  const c = await appGet(`/api/contracts/${encodeURIComponent(contractNo)}`);
  const encoded = encodeURIComponent(c.contractNo);
  const section = (title, testid, ...content) => h('section', { class: 'card', 'data-testid': testid }, h('h2', {}, title), content);
  render(h('a', { href: `#/rounds/${c.projectNo.split('-')[1] ?? c.roundYear}`, class: 'back' }, '← 返回采购轮次'),
    h('div', { class: 'page-head' }, h('h1', {}, `${c.district} · ${c.contractNo}`),
      h('div', { class: 'tools' },
        h('a', { class: 'button', href: `#/contracts/${encoded}/audit`, 'data-testid': 'open-audit' }, '审计记录'),
        downloadButton('下载履约汇总（PDF）', `/api/contracts/${encoded}/summary.pdf`, `合同履约汇总-${c.contractNo}.pdf`, 'contract-pdf'))),
    h('dl', { class: 'facts card', 'data-testid': 'contract-facts' },
      h('dt', {}, '承接机构'), h('dd', {}, `${c.providerName}（${c.providerOrgId}）`),
      h('dt', {}, '项目编号'), h('dd', {}, c.projectNo),
      h('dt', {}, '当前状态'), h('dd', {}, c.stageName),
      h('dt', {}, '资金'), h('dd', { 'data-testid': 'contract-money' }, `合同金额 ${yuan(c.contractValueFen)} 元，已拨付 ${yuan(c.paidFen)} 元`),
      c.replacements.length ? [h('dt', {}, '重新采购'), h('dd', {}, c.replacements.map((no) => h('a', { href: `#/contracts/${encodeURIComponent(no)}` }, no, ' ')))] : null),
    section('合同年度（一年一签）', 'contract-years', table(['合同编号', '签订', '年度金额（元）', '状态', '状态时间'], c.years.map((y) => h('tr', {},
      h('td', {}, y.contractNo), h('td', {}, day(y.signedAt)), h('td', { class: 'num' }, yuan(y.contractValueFen)),
      h('td', {}, CONTRACT_STATES[y.state] ?? y.state), h('td', {}, day(y.stateChangedAt)))))),
    section('运营报告（双月）', 'contract-reports', table(['合同', '期次', '应报日期', '提交', '审阅'], c.reports.map((r) => h('tr', { class: r.late ? 'late' : '' },
      h('td', {}, r.contractNo), h('td', { class: 'num' }, `第${r.number}期`), h('td', {}, day(r.due)),
      h('td', {}, r.filed ? day(r.filed) : badge('未提交', 'danger'), r.filed && r.late ? [' ', badge('逾期', 'danger')] : null),
      h('td', {}, r.reviewed ? `${day(r.reviewed)} ${r.reviewedBy}` : '—'))), { empty: '尚无应报的运营报告。' })),
    section('评估', 'contract-evaluations', table(['时间', '合同年度', '评估', '总分', '等级'], c.evaluations.map((e) => h('tr', { class: e.passed ? '' : 'late' },
      h('td', {}, day(e.recordedAt)), h('td', {}, `第${e.contractYear}年度`), h('td', {}, EVALUATION_KINDS[e.kind] ?? e.kind),
      h('td', { class: 'num' }, e.totalScore), h('td', {}, badge(e.grade, e.passed ? 'success' : 'danger')))), { empty: '尚无评估结果。' })),
    section('资金拨付', 'contract-payments', table(['拨付时间', '合同', '年度', '期次', '金额（元）', '事由'], c.payments.map((p) => h('tr', {},
      h('td', {}, day(p.paidAt)), h('td', {}, p.contractNo), h('td', {}, `第${p.contractYear}年度`), h('td', {}, `第${p.tranche}期`),
      h('td', { class: 'num' }, yuan(p.amountFen)), h('td', {}, p.reason))), { empty: '尚未拨付。' })),
    section('投诉', 'contract-complaints', table(['时间', '投诉人', '内容', '结果', '处理'], c.complaints.map((x) => h('tr', {},
      h('td', {}, day(x.recordedAt)), h('td', {}, x.complainant), h('td', {}, x.content),
      h('td', {}, x.upheld ? badge('成立', 'danger') : badge('不成立', 'success')), h('td', {}, x.handling))), { empty: '没有投诉。' }),
    c.terminations.length ? h('p', { class: 'error' }, c.terminations.map((t) => `${day(t.recordedAt)} 因${t.milestone}评估${t.grade}终止合同 ${t.contractNo}。`)) : null),
    h('div', { class: 'columns' },
      h('section', { class: 'card main', 'data-testid': 'contract-documents' }, h('h2', {}, '文件'),
        c.documents.length ? h('ul', {}, c.documents.map((d) => h('li', {},
          h('button', { class: 'link', type: 'button', 'data-href': documentUrl(d), onclick: () => downloadDocument(d).catch((e) => flash(describe(e), 'error')) },
            d.metadata.fileName || d.documentId), d.metadata.purpose ? h('span', { class: 'muted' }, ` ${d.metadata.purpose}`) : null)))
          : h('p', { class: 'muted' }, '没有登记的文件。')),
      h('section', { class: 'card side', 'data-testid': 'contract-people' }, h('h2', {}, '相关人员'),
        h('dl', { class: 'facts' }, c.people.map((p) => [h('dt', {}, p.role), h('dd', {}, p.who)])))));
}

function auditTable(trail) {
  return table(['时间', '类别', '事项', '办理人', '说明与决定内容'], trail.entries.map((e) => h('tr', { 'data-kind': e.kind },
    h('td', {}, formatDate(e.at)), h('td', {}, badge(e.kind, 'info')), h('td', {}, e.what), h('td', {}, e.who || '—'),
    h('td', { class: 'value' }, e.detail, Object.keys(e.fields ?? {}).length
      ? h('dl', { class: 'facts fields' }, Object.entries(e.fields).map(([label, value]) => [h('dt', {}, label), h('dd', {}, shown(value))]))
      : null))), { empty: '没有记录。', testid: 'audit-table' });
}

function shown(jsonText) {
  try {
    const value = JSON.parse(jsonText);
    if (value === true) return '是';
    if (value === false) return '否';
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return jsonText;
  }
}

export async function showContractAudit(contractNo) {
  const render = renderer();
  const encoded = encodeURIComponent(contractNo);
  const trail = await appGet(`/api/contracts/${encoded}/audit`);
  render(h('a', { href: `#/contracts/${encoded}`, class: 'back' }, '← 返回合同'),
    h('div', { class: 'page-head' }, h('h1', {}, `审计记录 · ${trail.subject}`),
      h('div', { class: 'tools' }, downloadButton('导出 Excel', `/api/contracts/${encoded}/audit.xlsx`, `审计记录-${contractNo}.xlsx`, 'audit-xlsx'))),
    h('p', { class: 'muted' }, `共 ${trail.entries.length} 条：合同、运营报告、评估、拨付、投诉、公告与通知，以及流程中每个人工任务的办理人、时间与决定。`),
    auditTable(trail));
}

export async function showInstanceAudit(key) {
  const render = renderer();
  const trail = await appGet(`/api/process-instances/${key}/audit`);
  render(h('a', { href: `#/processes/instances/${key}`, class: 'back' }, '← 返回流程实例'),
    h('div', { class: 'page-head' }, h('h1', {}, `审计记录 · ${trail.subject}`),
      h('div', { class: 'tools' }, downloadButton('导出 Excel', `/api/process-instances/${key}/audit.xlsx`, `审计记录-流程实例${key}.xlsx`, 'audit-xlsx'))),
    auditTable(trail));
}

/** The analyst tables as .xlsx, for the dashboards page. */
export async function exportsCard() {
  const tables = await appGet('/api/analytics/exports');
  return h('section', { class: 'card', 'data-testid': 'exports' }, h('h2', {}, '导出报表（Excel）'),
    h('p', { class: 'muted' }, '金额以元为单位、保留两位小数，可直接求和。'),
    h('div', { class: 'tools wrap' }, Object.entries(tables).map(([id, name]) =>
      downloadButton(name, `/api/analytics/exports/${id}.xlsx`, `${name}.xlsx`, `export-${id}`))));
}
