/**
 * Service-request dispatch (DOMAIN.md §4; Taicang 中心派单 → 社工站接单 → 驻站社工服务), the jobs of {@code
 * processes/service-dispatch.bpmn}: {@code dispatch.register-request} and {@code
 * dispatch.schedule-acceptance} set the SLAs ({@link io.civicflow.workers.dispatch.DispatchSlas}),
 * {@code dispatch.record-lapse} counts the stations that let a request lapse, {@code
 * dispatch.resolve-assignee} applies the AB role (Shanghai: a named backup takes over when the
 * assigned worker is away; {@link io.civicflow.workers.dispatch.AssigneeResolution}, port {@link
 * io.civicflow.workers.dispatch.WorkerAvailability}, set through {@code PUT
 * /api/social-workers/{userId}/availability}) and {@code dispatch.close-request} closes the request
 * in {@link io.civicflow.workers.registry.ServiceRequestRecords}. The kinds of special residents
 * are {@link io.civicflow.workers.dispatch.ResidentCategory}.
 */
package io.civicflow.workers.dispatch;
