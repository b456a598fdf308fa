package io.civicflow.engine.bpmn;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small search helpers for behaviour tests, all through the official client. */
final class Searches {

  private Searches() {}

  static List<ElementInstance> elements(CamundaClient client, long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  static List<ElementInstance> elements(
      CamundaClient client, long processInstanceKey, String elementId) {
    return elements(client, processInstanceKey).stream()
        .filter(e -> e.getElementId().equals(elementId))
        .toList();
  }

  /** The direct children of an element instance (its flow scope key). */
  static List<ElementInstance> children(CamundaClient client, long scopeKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.elementInstanceScopeKey(scopeKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  /** "elementId:TYPE:STATE" for every element instance, in creation order. */
  static List<String> states(CamundaClient client, long processInstanceKey) {
    return elements(client, processInstanceKey).stream()
        .sorted(java.util.Comparator.comparing(ElementInstance::getElementInstanceKey))
        .map(e -> e.getElementId() + ":" + e.getType() + ":" + e.getState())
        .toList();
  }

  static List<String> ids(
      CamundaClient client, long processInstanceKey, ElementInstanceState state) {
    return elements(client, processInstanceKey).stream()
        .filter(e -> e.getState() == state)
        .sorted(java.util.Comparator.comparing(ElementInstance::getElementInstanceKey))
        .map(ElementInstance::getElementId)
        .collect(Collectors.toList());
  }

  static ProcessInstance processInstance(CamundaClient client, long key) {
    return client.newProcessInstanceGetRequest(key).send().join();
  }

  static List<ProcessInstance> childrenOf(CamundaClient client, long parentProcessInstanceKey) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.parentProcessInstanceKey(parentProcessInstanceKey))
        .send()
        .join()
        .items();
  }

  static List<Incident> incidents(CamundaClient client, long processInstanceKey) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items();
  }

  static Map<String, String> variables(CamundaClient client, long processInstanceKey) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(v -> v.getName(), v -> v.getValue()));
  }

  static List<ActivatedJob> activate(CamundaClient client, String type, int max) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .requestTimeout(Duration.ofMillis(200))
        .send()
        .join()
        .getJobs();
  }

  static ActivatedJob activateOne(CamundaClient client, String type) {
    List<ActivatedJob> jobs = activate(client, type, 1);
    if (jobs.isEmpty()) {
      throw new AssertionError("no activatable job of type " + type);
    }
    return jobs.get(0);
  }

  static void complete(CamundaClient client, ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }
}
