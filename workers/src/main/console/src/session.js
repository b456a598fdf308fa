// Who is logged in, kept in sessionStorage (this tab only). Every API call sends the user's HTTP Basic
// credentials, which the engine checks (engine/README.md, "Authentication").

const KEY = 'civicflow.console.session';

/** @returns {{username, displayName, groups: string[], roles: string[], authorization: string} | null} */
export function currentUser() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

export function saveUser(user) {
  sessionStorage.setItem(KEY, JSON.stringify(user));
}

export function logout() {
  sessionStorage.removeItem(KEY);
}

export function basicAuthorization(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

/** Analysts and administrators see the process view and the dashboards. */
export function isAnalyst(user) {
  return !!user && (user.roles ?? []).some((role) => role === 'analyst' || role === 'admin');
}

/** Who opens the round and contract pages: the bureau's readers, finance, audit, a district office, a provider. */
export function mayReadRounds(user) {
  return isAnalyst(user) || (user?.groups ?? []).some((g) => ['civil-affairs', 'finance', 'audit'].includes(g)
    || g.startsWith('district-') || g.startsWith('provider-'));
}

/** The process view (流程监控): analysts, and modellers for 迁移 and 修改; the engine filters what each reads. */
export function mayViewProcesses(user) {
  return isAnalyst(user) || isModeller(user);
}

/** Administrators: the built-in holders of DOCUMENT DELETE (engine/README.md, "Documents"). */
export function isAdmin(user) {
  return !!user && [...(user.groups ?? []), ...(user.roles ?? [])].includes('admin');
}

/** Administrators and modellers: migration (迁移) and the modeller (流程建模); the engine checks each command. */
export function isModeller(user) {
  return isAdmin(user) || (user?.roles ?? []).includes('modeller');
}

/** Who may read the document deletion records: DOCUMENT READ on * (built-in: groups audit and admin). */
export function isDocumentAuditor(user) {
  return isAdmin(user) || (user?.groups ?? []).includes('audit');
}
