/**
 * The application's own HTTP endpoints ({@code /api/**}): who may call them. The same users as the
 * engine and the console (the engine's users file, HTTP Basic), the Host header checked against the
 * configured host names, and per endpoint which roles may use it ({@link
 * io.civicflow.workers.web.ApiAccess}).
 */
package io.civicflow.workers.web;
