/**
 * Adapters over the Camunda client for what the workers ask of the engine beyond their own job: who
 * completed a task ({@link io.civicflow.workers.camunda.CompletedTasks}), starting a re-procurement
 * ({@link io.civicflow.workers.camunda.Reprocurement}) and publishing bid messages ({@link
 * io.civicflow.workers.camunda.CamundaBidMessages}). The domain packages see only what these
 * classes return; the architecture test keeps the Camunda client out of them.
 */
package io.civicflow.workers.camunda;
