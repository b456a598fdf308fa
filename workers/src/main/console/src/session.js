// Who is logged in. Kept in sessionStorage (this tab only) until the engine authenticates requests itself;
// every API call already sends the user's HTTP Basic credentials, so nothing here changes when it does.

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
