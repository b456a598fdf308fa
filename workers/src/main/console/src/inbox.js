// The signed-in user's notifications (the application's /api/inbox, not Camunda's API): unread count in the
// navigation, the list with links to the task list or the public notice, mark read, and the mail switch.
import { currentUser } from './session.js';
import { flash, formatDate, h, renderer } from './dom.js';

async function inboxCall(method, path = '', body) {
  const headers = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'XMLHttpRequest' };
  const auth = currentUser()?.authorization;
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/inbox${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`消息服务返回 HTTP ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/** Puts the unread count into the navigation's inbox link. */
export async function refreshInboxCount() {
  const badge = document.querySelector('[data-testid="inbox-count"]');
  if (!badge) return;
  try {
    const inbox = await inboxCall('GET');
    badge.textContent = String(inbox.unread);
    badge.setAttribute('aria-label', `${inbox.unread} 条未读消息`);
  } catch {
    badge.textContent = '?';
  }
}

export async function showInbox() {
  const draw = renderer();
  const [inbox, settings] = await Promise.all([inboxCall('GET'), inboxCall('GET', '/settings')]);
  const mail = h('input', { type: 'checkbox', checked: settings.mailEnabled, onchange: async () => {
    await inboxCall('PUT', '/settings', { mailEnabled: mail.checked });
    flash(mail.checked ? '已开启邮件通知' : '已关闭邮件通知', 'success');
  } });
  const items = inbox.items.map((entry) => h('li', { class: entry.readAt ? 'read' : 'unread' },
    h('strong', {}, entry.title),
    entry.body ? h('p', {}, entry.body) : null,
    h('p', { class: 'muted' }, formatDate(entry.postedAt), entry.mailedTo ? ` · 已发送邮件至 ${entry.mailedTo}` : ''),
    entry.link ? h('a', { href: entry.link }, '查看') : null,
    entry.readAt ? null : h('button', { class: 'link', onclick: async () => {
      await inboxCall('POST', `/${encodeURIComponent(entry.notificationId)}/read`);
      await refreshInboxCount();
      await showInbox();
    } }, '标为已读')));
  draw(
    h('h1', {}, '消息'),
    h('p', {}, `未读 ${inbox.unread} 条`),
    h('label', {}, mail, ' 通过邮件接收通知'),
    items.length ? h('ul', { class: 'inbox' }, items) : h('p', { class: 'muted' }, '暂无消息。'));
}
