package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.AdHocSubProcess;
import io.civicflow.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ad-hoc sub-processes (Camunda 8.8, {@code zeebe:adHoc}). On activation the {@code
 * activeElementsCollection} (a list of inner element ids) is evaluated and those elements are
 * activated; more are activated through the API ({@link #activate}). Each time an inner path ends,
 * the {@code completionCondition} is evaluated: true completes the sub-process — cancelling the
 * inner elements still active when {@code cancelRemainingInstances} (the default), else once they
 * are done; without a condition it completes when nothing inside is active. An id that is not an
 * inner element without incoming flows, or a collection that is not a list of strings, opens an
 * {@code EXTRACT_VALUE_ERROR} incident; so does a condition that is not a boolean.
 *
 * <p>With {@code outputCollection} (Camunda 8.8), that variable is created local to the sub-process
 * as an empty list on activation; each inner element that completes has the sub-process's {@code
 * outputElement} evaluated in its scope (after its output mappings) and appended, in completion
 * order (a failing expression: an {@code EXTRACT_VALUE_ERROR} incident on the inner element). When
 * the sub-process completes, the collection is propagated to its flow scope.
 */
final class AdHocSubProcessProcessor implements ElementProcessor<AdHocSubProcess> {

  /**
   * The local variable that describes the elements one may activate (Camunda 8.8): {@code
   * elementId}, {@code elementName}, {@code documentation}, {@code properties}, {@code parameters}.
   */
  static final String ELEMENTS_VARIABLE = "adHocSubProcessElements";

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final AdHocJobWorkerBehavior jobWorker;

  AdHocSubProcessProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.jobWorker = new AdHocJobWorkerBehavior(feel, variables, incidents, lifecycle);
  }

  @Override
  public Class<AdHocSubProcess> elementType() {
    return AdHocSubProcess.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, AdHocSubProcess element) {
    if (element.outputCollection() != null
        && !variables.local(ctx.state(), instance.key()).containsKey(element.outputCollection())) {
      variables.setLocal(ctx, instance, Map.of(element.outputCollection(), List.of()));
    }
    if (!element.elements().isEmpty()) {
      variables.setLocal(ctx, instance, Map.of(ELEMENTS_VARIABLE, element.elements()));
    }
    if (element.byJobWorker()) {
      jobWorker.createJob(ctx, instance, element); // its worker decides what is activated
      return;
    }
    if (element.activeElementsCollection() == null) {
      return; // waits for elements activated through the API
    }
    List<String> ids;
    try {
      ids =
          feel.evaluateStringList(
              element.activeElementsCollection(), variables.visible(ctx.state(), instance.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    List<String> unknown = unknown(element, ids);
    if (!unknown.isEmpty()) {
      incidents.raise(
          ctx,
          instance,
          IncidentBehavior.EXTRACT_VALUE_ERROR,
          String.format(
              "Expected to activate activities for ad-hoc sub-process '%s', but the given elements"
                  + " %s do not exist or have incoming sequence flows.",
              element.id(), unknown));
      return;
    }
    for (String id : ids) {
      lifecycle.createChild(ctx, element.activatable(id), instance);
    }
  }

  /**
   * An incident was resolved: the activation's, when no inner element was created yet; else the
   * completion condition's.
   */
  @Override
  public void onRetry(ProcessingContext ctx, ElementInstance instance) {
    if (element(instance).byJobWorker()) {
      jobWorker.createJob(ctx, instance, element(instance));
    } else if (instance.createdChildren() == 0) {
      onActivate(ctx, instance, element(instance));
    } else {
      onChildEnded(ctx, instance, lifecycle);
    }
  }

  /**
   * An ad-hoc sub-process job's completion, with its result: see {@link AdHocJobWorkerBehavior}.
   */
  void jobCompleted(
      ProcessingContext ctx,
      ElementInstance instance,
      Map<String, Object> jobVariables,
      io.civicflow.engine.api.Commands.JobResult result) {
    jobWorker.jobCompleted(ctx, instance, this, jobVariables, result);
  }

  @Override
  public boolean beforeChildCompleted(
      ProcessingContext ctx, ElementInstance scope, ElementInstance child) {
    AdHocSubProcess element = element(scope);
    if (element.outputCollection() == null) {
      return true;
    }
    Object output;
    try {
      output =
          FeelEngine.plain(
              feel.evaluate(element.outputElement(), variables.visible(ctx.state(), child.key())));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, child, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return false;
    }
    Object current = variables.local(ctx.state(), scope.key()).get(element.outputCollection());
    List<Object> collection =
        current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
    collection.add(output);
    Map<String, Object> update = new java.util.HashMap<>();
    update.put(element.outputCollection(), collection);
    variables.setLocal(ctx, scope, update);
    return true;
  }

  /** The output collection becomes visible after the sub-process (propagated to its flow scope). */
  @Override
  public void beforeCompleted(ProcessingContext ctx, ElementInstance instance) {
    String outputCollection = element(instance).outputCollection();
    if (outputCollection != null) {
      Map<String, Object> output = new java.util.HashMap<>();
      output.put(
          outputCollection, variables.local(ctx.state(), instance.key()).get(outputCollection));
      variables.merge(ctx, instance.flowScopeKey(), output);
    }
  }

  /** The ids that are not inner elements one may activate. */
  static List<String> unknown(AdHocSubProcess element, List<String> ids) {
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      if (element.activatable(id) == null) {
        unknown.add(id);
      }
    }
    return unknown;
  }

  /** Activates inner elements through the API, each with its own local variables. */
  void activate(
      ProcessingContext ctx,
      ElementInstance instance,
      List<String> ids,
      List<Map<String, Object>> localVariables) {
    AdHocSubProcess element = element(instance);
    for (int i = 0; i < ids.size(); i++) {
      ExecutableElement inner = element.activatable(ids.get(i));
      long key = lifecycle.createChild(ctx, inner, instance);
      Map<String, Object> values = localVariables.get(i);
      if (values != null && !values.isEmpty()) {
        variables.setLocal(ctx, ctx.state().requireElementInstance(key), values);
      }
    }
  }

  @Override
  public void onChildEnded(ProcessingContext ctx, ElementInstance scope, BpmnLifecycle lifecycle) {
    AdHocSubProcess element = element(scope);
    if (element.byJobWorker()) {
      jobWorker.childEnded(ctx, scope, element);
      return;
    }
    if (scope.phase() != ElementInstance.Phase.ACTIVATED) {
      return;
    }
    if (element.completionCondition() == null) {
      lifecycle.completeScopeIfDone(ctx, scope);
      return;
    }
    boolean fulfilled;
    try {
      fulfilled =
          feel.evaluateBoolean(
              element.completionCondition(), variables.visible(ctx.state(), scope.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, scope, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    if (!fulfilled) {
      return; // waits for more inner elements to end, or to be activated
    }
    if (element.cancelRemainingInstances()) {
      for (long child : scope.childKeys()) {
        ctx.state().elementInstance(child).ifPresent(c -> lifecycle.terminate(ctx, c));
      }
      if (scope.pendingJoinTokens() > 0) {
        ctx.write(new io.civicflow.engine.event.EngineEvent.JoinTokensDiscarded(scope.key()));
      }
    }
    lifecycle.completeScopeIfDone(ctx, scope);
  }
}
