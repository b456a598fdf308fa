package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;

/**
 * How the read model shows a migration: the instance on its target definition ({@code definition}
 * may be null for a definition the read model has not seen).
 */
record MigratedInstance(ExecutableProcess target, ProcessDefinitionRecord definition) {

  /**
   * A migrated instance shows its new definition in its process instance, its active element
   * instances, jobs, user tasks, incidents and message subscriptions; what ended before keeps the
   * definition it ran on.
   */
  void apply(
      EngineEvent.ProcessInstanceMigrated e,
      long time,
      InstanceProjection instances,
      JobProjection jobs,
      UserTaskProjection userTasks,
      IncidentProjection incidents,
      EventProjection events) {
    String bpmnProcessId = target.bpmnProcessId();
    instances.migrated(e.processInstanceKey(), target, definition);
    for (EngineEvent.MigratedElement m : e.elementInstances()) {
      var element = target.element(m.targetElementId());
      String elementId = element.id();
      String elementName = element.name() == null ? element.id() : element.name();
      instances.migratedElement(m.elementInstanceKey(), target, definition, elementId, elementName);
      if (m.jobKey() != null) {
        jobs.migrated(m.jobKey(), e.targetProcessDefinitionKey(), bpmnProcessId, elementId);
      }
      if (m.userTaskKey() != null) {
        userTasks.migrated(m.userTaskKey(), target, definition, elementId, elementName);
      }
      if (m.incidentKey() != null) {
        incidents.migrated(
            m.incidentKey(), e.targetProcessDefinitionKey(), bpmnProcessId, elementId);
      }
    }
    for (EngineEvent.MigratedSubscription kept : e.subscriptions()) {
      events.migrated(
          kept.key(), e.targetProcessDefinitionKey(), bpmnProcessId, kept.targetElementId(), time);
    }
  }
}
