// The engine's time. Due dates are set by the engine's clock (moved in the demo and the tests; the system clock
// on a Camunda 8 cluster), so "overdue" and "due this week" are measured against it, not the browser's clock:
// GET /api/time once per list load, kept as an offset to the browser's clock.
import { appCall } from './api.js';

let offset = 0;

/** Asks the application for the engine's time; keeps the browser's clock if it does not answer. */
export async function syncEngineClock() {
  try {
    const before = Date.now();
    const { epochMilli } = await appCall('GET', '/time');
    offset = epochMilli - Math.round((before + Date.now()) / 2);
  } catch {
    /* the browser's clock is the best guess left */
  }
}

/** Now on the engine's clock, in epoch milliseconds. */
export function engineNow() {
  return Date.now() + offset;
}
