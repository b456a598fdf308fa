package io.civicflow.engine.bpmn;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.List;

/**
 * Search helpers for behaviour tests: element instances of an instance, instances of a process,
 * jobs.
 */
final class Elements {

  private Elements() {}

  static List<ElementInstance> of(CamundaClient client, long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  static List<ElementInstance> of(CamundaClient client, long processInstanceKey, String elementId) {
    return of(client, processInstanceKey).stream()
        .filter(e -> e.getElementId().equals(elementId))
        .toList();
  }

  static ElementInstanceState stateOf(
      CamundaClient client, long processInstanceKey, String elementId) {
    List<ElementInstance> instances = of(client, processInstanceKey, elementId);
    if (instances.size() != 1) {
      throw new AssertionError(
          "expected one instance of " + elementId + " but found " + instances.size());
    }
    return instances.get(0).getState();
  }

  static long count(
      CamundaClient client, long processInstanceKey, String elementId, ElementInstanceState state) {
    return of(client, processInstanceKey, elementId).stream()
        .filter(e -> e.getState() == state)
        .count();
  }

  static List<ProcessInstance> instancesOf(CamundaClient client, String bpmnProcessId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(bpmnProcessId))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  static List<ActivatedJob> activate(CamundaClient client, String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(10)
        .requestTimeout(java.time.Duration.ofMillis(100))
        .send()
        .join()
        .getJobs();
  }
}
