/**
 * The task list's saved views, per user on the server: each user's own list behind {@code
 * /api/users/{userId}/task-views}, in Elasticsearch with the other per-user settings (in memory
 * when Elasticsearch is switched off); and the teams a team lead hands tasks out to ({@code GET
 * /api/teams}).
 */
package io.civicflow.workers.taskviews;
