// The console: a single page with hash routes, talking to the Camunda 8.8 REST API v2 of the same origin.
import './styles.css';
import { ApiError, describe, get } from './api.js';
import { clearError, flash, h, render } from './dom.js';
import { basicAuthorization, currentUser, isAnalyst, isDocumentAuditor, isModeller, logout, mayReadRounds, mayViewProcesses, saveUser } from './session.js';
import { showTaskList } from './tasklist.js';
import { refreshInboxCount, showInbox } from './inbox.js';
// the styles of the forms and diagrams stay in app.css; their code is loaded with the page that needs it
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

// Every page but the task list (the first one most users see) is its own chunk, loaded on first use: the form
// viewer, bpmn-js, Chart.js and the modeller are not parsed before the task list is drawn (see build.mjs).
const tasks = () => import('./tasks.js');
const start = () => import('./start.js');
const processes = () => import('./processes.js');
const rounds = () => import('./rounds.js');

const ROUTES = [
  [/^#\/tasks$/, () => showTaskList()],
  [/^#\/tasks\/(\d+)$/, async (key) => (await tasks()).showTask(key)],
  [/^#\/start$/, async () => (await start()).showStartList()],
  [/^#\/start\/(\d+)$/, async (key) => (await start()).showStartForm(key)],
  [/^#\/processes$/, async () => (await processes()).showInstances(), { processes: true }],
  [/^#\/processes\/definitions$/, async () => (await processes()).showDefinitions(), { processes: true }],
  [/^#\/processes\/instances\/(\d+)$/, async (key) => (await processes()).showInstance(key), { processes: true }],
  [/^#\/processes\/definitions\/(\d+)\/migrate$/, async (key) => (await import('./migrate.js')).showMigration(key), { modeller: true }],
  // the modeller's styles are their own file too, linked when it opens
  [/^#\/modeller(?:\/(\d+))?$/, async (key) => (await import('./modeller.js')).showModeller(key), { modeller: true }],
  [/^#\/processes\/instances\/(\d+)\/audit$/, async (key) => (await rounds()).showInstanceAudit(key), { rounds: true }],
  [/^#\/rounds$/, async () => (await rounds()).showRounds(), { rounds: true }],
  [/^#\/rounds\/(\d{4})$/, async (year) => (await rounds()).showRound(year), { rounds: true }],
  [/^#\/contracts\/([^/]+)$/, async (no) => (await rounds()).showContract(decodeURIComponent(no)), { rounds: true }],
  [/^#\/contracts\/([^/]+)\/audit$/, async (no) => (await rounds()).showContractAudit(decodeURIComponent(no)), { rounds: true }],
  [/^#\/dashboards$/, async () => (await import('./dashboards.js')).showDashboards(), { analyst: true }],
  [/^#\/inbox$/, () => showInbox()],
  [/^#\/documents\/deletions$/, async () => (await import('./deletions.js')).showDeletions()],
];

function navigation(user) {
  const links = [['#/tasks', '待办任务'], ['#/start', '发起流程']];
  if (mayReadRounds(user)) links.push(['#/rounds', '采购轮次']);
  if (mayViewProcesses(user)) links.push(['#/processes', '流程监控']);
  if (isAnalyst(user)) links.push(['#/dashboards', '统计看板']);
  if (isModeller(user)) links.push(['#/modeller', '流程建模']);
  if (isDocumentAuditor(user)) links.push(['#/documents/deletions', '文件删除记录']);
  const current = location.hash.startsWith('#/documents/') ? location.hash
    : location.hash.split('/').slice(0, 2).join('/');
  document.getElementById('nav').replaceChildren(
    ...links.map(([href, title]) => h('a', { href, class: href === current ? 'active' : '' }, title)),
    h('a', { href: '#/inbox', class: current === '#/inbox' ? 'active' : '' }, '消息 ',
      h('span', { class: 'badge count', 'data-testid': 'inbox-count' }, '…')));
  refreshInboxCount();
  document.getElementById('who').replaceChildren(
    h('span', { 'data-testid': 'current-user' }, `${user.displayName || user.username}（${user.username}）`),
    h('button', { class: 'link', onclick: () => { logout(); location.hash = '#/login'; } }, '退出'));
}

function showLogin() {
  document.getElementById('nav').replaceChildren();
  document.getElementById('who').replaceChildren();
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card login', onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = '';
    const authorization = basicAuthorization(username.value.trim(), password.value);
    try {
      // Camunda's own "who am I": the user's groups decide which candidate tasks they see
      const me = await get('/authentication/me', { authorization });
      saveUser({ username: me.username, displayName: me.displayName, groups: me.groups ?? [],
        roles: me.roles ?? [], authorization });
      location.hash = '#/tasks';
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? '用户名或密码错误' : describe(e);
    }
  } },
  h('h1', {}, '登录'),
  h('label', {}, '用户名', username),
  h('label', {}, '密码', password),
  error,
  h('button', { class: 'primary', type: 'submit' }, '登录'),
  h('p', { class: 'muted' }, '演示账号见 README「Console」一节（如 civil1 / demo）。'));
  render(form);
}

async function route() {
  const user = currentUser();
  if (!user) {
    showLogin();
    return;
  }
  if (!location.hash || location.hash === '#/' || location.hash === '#/login') {
    location.replace('#/tasks');
    return;
  }
  navigation(user);
  for (const [pattern, show, options] of ROUTES) {
    const match = location.hash.match(pattern);
    if (!match) continue;
    if (options?.processes && !mayViewProcesses(user)) {
      render(h('p', { class: 'error' }, '此页面仅对分析人员和流程建模人员开放。'));
      return;
    }
    if (options?.analyst && !isAnalyst(user)) {
      render(h('p', { class: 'error' }, '此页面仅对分析人员开放。'));
      return;
    }
    if (options?.modeller && !isModeller(user)) {
      render(h('p', { class: 'error' }, '此页面仅对管理员和流程建模人员开放。'));
      return;
    }
    if (options?.rounds && !mayReadRounds(user)) {
      render(h('p', { class: 'error' }, '您所在的部门无权查看采购轮次与合同。'));
      return;
    }
    // the page being left goes at once: nothing on it can be clicked while the next one loads
    render(h('p', { class: 'muted', role: 'status' }, '正在加载…'));
    try {
      await show(...match.slice(1));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        logout();
        location.hash = '#/login';
      }
      flash(describe(e), 'error');
    }
    return;
  }
  render(h('p', {}, '页面不存在。'), h('a', { href: '#/tasks' }, '返回待办任务'));
}

window.addEventListener('hashchange', () => {
  // a success message outlives the navigation it caused; an error belongs to the page it came from
  clearError();
  route();
});
route();
