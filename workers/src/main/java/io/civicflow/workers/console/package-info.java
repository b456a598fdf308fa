/**
 * What the console (the static single-page app in {@code src/main/console}, served at {@code /}) needs from
 * the application besides the engine's REST API: the configured users and groups ({@code identity.yaml}),
 * and Camunda's {@code GET /v2/authentication/me} answered from them.
 *
 * <p>Serves DOMAIN.md "Who uses the system": every role there is a candidate group, and officials see the
 * tasks of their groups. Until the engine authenticates requests itself (the hardening issue) this is a
 * directory, not a security boundary: the other {@code /v2} endpoints do not check credentials yet, and the
 * console filters tasks by the groups it is told here. When the engine gets its own identity, this package
 * goes and the console keeps working unchanged, because it only speaks Camunda's API.
 */
package io.civicflow.workers.console;
