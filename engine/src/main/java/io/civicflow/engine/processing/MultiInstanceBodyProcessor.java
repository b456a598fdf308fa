package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.ExecutableElement.MultiInstanceBody;
import io.civicflow.engine.model.LoopCharacteristics;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a multi-instance activity (Zeebe's semantics): it evaluates {@code inputCollection}
 * on activation (not a list: EXTRACT_VALUE_ERROR incident on the body) and runs the inner activity
 * once per item — all at once when parallel, one after the other when sequential (the collection is
 * read again for each next item). Each instance gets the local variables {@code loopCounter}
 * (1-based), the {@code inputElement}, and — when {@code outputElement} is a plain variable
 * reference — that variable, initialised to null, so a worker's result lands in the instance.
 *
 * <p>When an instance completes, {@code outputElement} is evaluated in it and stored at the
 * instance's index of the body's local {@code outputCollection} (pre-filled with nulls, so the
 * order is the input order), then {@code completionCondition} is evaluated in the instance with
 * {@code numberOfInstances} (created so far), {@code numberOfActiveInstances} (without the
 * completing one), {@code numberOfCompletedInstances} (with it) and {@code
 * numberOfTerminatedInstances}. When it holds, the remaining instances are terminated and the body
 * completes. An empty collection completes the body at once. On completion the output collection is
 * propagated to the body's flow scope.
 */
final class MultiInstanceBodyProcessor implements ElementProcessor<MultiInstanceBody> {

  private static final String LOOP_COUNTER = "loopCounter";

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;

  MultiInstanceBodyProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<MultiInstanceBody> elementType() {
    return MultiInstanceBody.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance body, MultiInstanceBody element) {
    if (body.createdChildren() > 0) {
      next(ctx, body); // an incident on reading the collection for the next item was resolved
      return;
    }
    LoopCharacteristics loop = element.loop();
    List<Object> items = inputCollection(ctx, body);
    if (items == null) {
      return;
    }
    if (loop.outputCollection() != null) {
      variables.setLocal(
          ctx,
          body,
          Map.of(
              loop.outputCollection(), new ArrayList<>(Collections.nCopies(items.size(), null))));
    }
    if (items.isEmpty()) {
      completeBody(ctx, body);
    } else if (loop.sequential()) {
      createInstance(ctx, body, items.get(0), 1);
    } else {
      for (int i = 0; i < items.size(); i++) {
        createInstance(ctx, body, items.get(i), i + 1);
      }
    }
  }

  @Override
  public boolean beforeChildCompleted(
      ProcessingContext ctx, ElementInstance body, ElementInstance child) {
    LoopCharacteristics loop = element(body).loop();
    Map<String, Object> context = variables.visible(ctx.state(), child.key());
    try {
      if (loop.outputCollection() != null) {
        collectOutput(ctx, body, child, loop, context);
      }
      if (loop.completionCondition() != null && body.phase() == Phase.ACTIVATED) {
        Map<String, Object> conditionContext = new HashMap<>(context);
        conditionContext.put("numberOfInstances", body.createdChildren());
        conditionContext.put("numberOfActiveInstances", body.activeChildren() - 1);
        conditionContext.put("numberOfCompletedInstances", body.completedChildren() + 1);
        conditionContext.put("numberOfTerminatedInstances", body.terminatedChildren());
        if (feel.evaluateBoolean(loop.completionCondition(), conditionContext)) {
          ctx.write(new ElementCompleting(body.key())); // remembered until the child has completed
        }
      }
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, child, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return false;
    }
    return true;
  }

  private void collectOutput(
      ProcessingContext ctx,
      ElementInstance body,
      ElementInstance child,
      LoopCharacteristics loop,
      Map<String, Object> context)
      throws FeelEvaluationException {
    Object output =
        loop.outputElement() == null
            ? null
            : FeelEngine.plain(feel.evaluate(loop.outputElement(), context));
    Object current = variables.local(ctx.state(), body.key()).get(loop.outputCollection());
    List<Object> collection =
        current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
    int index = loopCounter(ctx, child) - 1;
    while (collection.size() <= index) {
      collection.add(null);
    }
    collection.set(index, output);
    Map<String, Object> update = new LinkedHashMap<>();
    update.put(loop.outputCollection(), collection);
    variables.setLocal(ctx, body, update);
  }

  @Override
  public void onChildEnded(ProcessingContext ctx, ElementInstance body, BpmnLifecycle lifecycle) {
    if (body.phase() == Phase.COMPLETING) {
      boolean held = false;
      for (long child : body.childKeys()) {
        ElementInstance c = ctx.state().elementInstance(child).orElse(null);
        held |= c != null && !lifecycle.terminate(ctx, c);
      }
      if (held) {
        return; // canceling task listeners run: completed when they are done (HeldTermination)
      }
      completeBody(ctx, body);
      return;
    }
    if (body.phase() != Phase.ACTIVATED || body.activeChildren() > 0) {
      return;
    }
    if (element(body).loop().sequential()) {
      next(ctx, body);
    } else {
      completeBody(ctx, body);
    }
  }

  /** Sequential: the instance for the next item, or completion when there is none. */
  private void next(ProcessingContext ctx, ElementInstance body) {
    List<Object> items = inputCollection(ctx, body);
    if (items == null) {
      return;
    }
    int index = body.createdChildren();
    if (index >= items.size()) {
      completeBody(ctx, body);
    } else {
      createInstance(ctx, body, items.get(index), index + 1);
    }
  }

  private void createInstance(
      ProcessingContext ctx, ElementInstance body, Object item, int loopCounter) {
    LoopCharacteristics loop = element(body).loop();
    long key = lifecycle.createChild(ctx, element(body).inner(), body);
    Map<String, Object> locals = new LinkedHashMap<>();
    if (loop.inputElement() != null) {
      locals.put(loop.inputElement(), item);
    }
    locals.put(LOOP_COUNTER, loopCounter);
    if (loop.outputElementVariable() != null) {
      locals.putIfAbsent(loop.outputElementVariable(), null);
    }
    variables.setLocal(ctx, ctx.state().requireElementInstance(key), locals);
  }

  private void completeBody(ProcessingContext ctx, ElementInstance body) {
    String outputCollection = element(body).loop().outputCollection();
    if (outputCollection != null) {
      Map<String, Object> output = new HashMap<>();
      output.put(outputCollection, variables.local(ctx.state(), body.key()).get(outputCollection));
      variables.merge(ctx, body.flowScopeKey(), output);
    }
    lifecycle.complete(ctx, body);
  }

  /** The evaluated input collection, or null after opening an EXTRACT_VALUE_ERROR incident. */
  private List<Object> inputCollection(ProcessingContext ctx, ElementInstance body) {
    LoopCharacteristics loop = element(body).loop();
    Object value;
    try {
      value = feel.evaluate(loop.inputCollection(), variables.visible(ctx.state(), body.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, body, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return null;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    String reason = value instanceof FeelEngine.NullWithReason n ? " (" + n.reason() + ")" : "";
    incidents.raise(
        ctx,
        body,
        IncidentBehavior.EXTRACT_VALUE_ERROR,
        "Expected result of the expression '"
            + loop.inputCollection().source()
            + "' to be 'ARRAY', but was '"
            + typeName(value)
            + "'"
            + reason);
    return null;
  }

  private static int loopCounter(ProcessingContext ctx, ElementInstance child) {
    Variable counter = ctx.state().localVariables(child.key()).get(LOOP_COUNTER);
    return counter == null ? 1 : ((Number) Json.read(counter.value())).intValue();
  }

  private static String typeName(Object value) {
    if (value == null || value instanceof FeelEngine.NullWithReason) {
      return "NULL";
    }
    if (value instanceof String) {
      return "STRING";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof Number) {
      return "NUMBER";
    }
    return value instanceof Map ? "OBJECT" : value.getClass().getSimpleName();
  }
}
