/**
 * Service-request dispatch (DOMAIN.md §4; Taicang 中心派单 → 社工站接单 → 驻站社工服务), the jobs of {@code
 * processes/service-dispatch.bpmn}: {@code dispatch.register-request} registers the request, {@code
 * dispatch.schedule-sla} turns the limits of the decision {@code dispatch-sla} into deadlines
 * ({@link io.civicflow.workers.dispatch.DispatchSlas}), {@code dispatch.record-dispatch}, {@code
 * dispatch.record-lapse} and {@code dispatch.record-acceptance} keep the dispatch history ({@link
 * io.civicflow.workers.dispatch.DispatchLeg}), {@code dispatch.escalate-breach} records an SLA
 * breach and tells whoever can act ({@link io.civicflow.workers.dispatch.SlaStep}), {@code
 * dispatch.resolve-assignee} applies the AB role (Shanghai: a named backup takes over when the
 * assigned worker is away; {@link io.civicflow.workers.dispatch.AssigneeResolution}, port {@link
 * io.civicflow.workers.dispatch.WorkerAvailability}, kept in Elasticsearch, set through {@code PUT
 * /api/social-workers/{userId}/availability}) and {@code dispatch.close-request} closes the request
 * in {@link io.civicflow.workers.registry.ServiceRequestRecords}. The kinds of special residents
 * are {@link io.civicflow.workers.dispatch.ResidentCategory}.
 */
package io.civicflow.workers.dispatch;
