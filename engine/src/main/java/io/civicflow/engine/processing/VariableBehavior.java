package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.Mapping;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables with Zeebe's scoping rules.
 *
 * <ul>
 *   <li>An element instance sees its own variables and those of every enclosing scope; inner ones
 *       shadow outer ones.
 *   <li><b>Local</b> set: the variable is created or updated in exactly the given scope.
 *   <li><b>Merge</b> (propagation, used for job completion, output mappings, message and error
 *       variables): each variable is updated in the nearest scope, from the given one upwards, that
 *       already defines it; otherwise it is created in the process instance (root) scope.
 *   <li>Input mappings are evaluated on activation against the visible variables (earlier inputs
 *       are visible to later ones) and stored as local variables of the element; output mappings
 *       are evaluated on completion and merged from the element's flow scope.
 * </ul>
 *
 * An event is written only when a value actually changes.
 */
final class VariableBehavior {

  private final FeelEngine feel;

  VariableBehavior(FeelEngine feel) {
    this.feel = feel;
  }

  /** All variables visible from a scope, as Java values (for FEEL and job activation). */
  Map<String, Object> visible(EngineState state, long scopeKey) {
    Map<String, Object> result = new HashMap<>();
    List<ElementInstance> chain = state.scopeChain(scopeKey);
    for (int i = chain.size() - 1; i >= 0; i--) {
      for (Variable variable : state.localVariables(chain.get(i).key()).values()) {
        result.put(variable.name(), Json.read(variable.value()));
      }
    }
    return result;
  }

  /** Only the named visible variables (all of them when {@code names} is empty). */
  Map<String, Object> visible(EngineState state, long scopeKey, List<String> names) {
    Map<String, Object> all = visible(state, scopeKey);
    if (names == null || names.isEmpty()) {
      return all;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (String name : names) {
      if (all.containsKey(name)) {
        result.put(name, all.get(name));
      }
    }
    return result;
  }

  /** The local variables of a scope, as Java values. */
  Map<String, Object> local(EngineState state, long scopeKey) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Variable variable : state.localVariables(scopeKey).values()) {
      result.put(variable.name(), Json.read(variable.value()));
    }
    return result;
  }

  void setLocal(ProcessingContext ctx, ElementInstance scope, Map<String, Object> variables) {
    if (variables == null) {
      return;
    }
    for (Map.Entry<String, Object> entry : variables.entrySet()) {
      set(ctx, scope.key(), scope.processInstanceKey(), entry.getKey(), entry.getValue());
    }
  }

  void merge(ProcessingContext ctx, long startScopeKey, Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    EngineState state = ctx.state();
    List<ElementInstance> chain = state.scopeChain(startScopeKey);
    ElementInstance root = chain.get(chain.size() - 1);
    for (Map.Entry<String, Object> entry : variables.entrySet()) {
      ElementInstance target = root;
      for (ElementInstance scope : chain) {
        if (state.localVariables(scope.key()).containsKey(entry.getKey())) {
          target = scope;
          break;
        }
      }
      set(ctx, target.key(), target.processInstanceKey(), entry.getKey(), entry.getValue());
    }
  }

  private void set(
      ProcessingContext ctx, long scopeKey, long processInstanceKey, String name, Object value) {
    String json = Json.write(value);
    Variable existing = ctx.state().localVariables(scopeKey).get(name);
    if (existing == null) {
      ctx.write(new VariableCreated(ctx.nextKey(), name, json, scopeKey, processInstanceKey));
    } else if (!existing.value().equals(json)) {
      ctx.write(new VariableUpdated(existing.key(), name, json, scopeKey, processInstanceKey));
    }
  }

  /**
   * Evaluates input mappings into the element's local scope.
   *
   * @throws FeelEvaluationException when a source fails; nothing has been written then
   */
  void applyInputs(ProcessingContext ctx, ElementInstance instance) throws FeelEvaluationException {
    List<Mapping> inputs = instance.element().inputs();
    if (inputs.isEmpty()) {
      return;
    }
    // an instance of a multi-instance activity already holds its input element and loopCounter,
    // which its input mappings may read (Zeebe docs, multi-instance "Variable mappings"); any other
    // element reads its flow scope
    long readFrom =
        instance.flowScopeKey() < 0 || instance.element().isMultiInstanceInner()
            ? instance.key()
            : instance.flowScopeKey();
    Map<String, Object> context = visible(ctx.state(), readFrom);
    Map<String, Object> locals = new LinkedHashMap<>();
    for (Mapping mapping : inputs) {
      Object value = FeelEngine.plain(feel.evaluate(mapping.source(), context));
      assign(locals, context, mapping.target(), value);
      context.put(rootName(mapping.target()), locals.get(rootName(mapping.target())));
    }
    setLocal(ctx, instance, locals);
  }

  /**
   * Evaluates output mappings and merges the results from the element's flow scope.
   *
   * @throws FeelEvaluationException when a source fails; nothing has been written then
   */
  void applyOutputs(ProcessingContext ctx, ElementInstance instance)
      throws FeelEvaluationException {
    List<Mapping> outputs = instance.element().outputs();
    if (outputs.isEmpty()) {
      return;
    }
    Map<String, Object> context = visible(ctx.state(), instance.key());
    // an instance of a multi-instance activity updates its own local variables first (e.g. the
    // outputElement variable), as Zeebe's docs describe; other elements merge from their flow scope
    long mergeFrom =
        instance.element().isMultiInstanceInner() ? instance.key() : instance.flowScopeKey();
    Map<String, Object> scopeView = visible(ctx.state(), mergeFrom);
    Map<String, Object> results = new LinkedHashMap<>();
    for (Mapping mapping : outputs) {
      Object value = FeelEngine.plain(feel.evaluate(mapping.source(), context));
      assign(results, scopeView, mapping.target(), value);
    }
    merge(ctx, mergeFrom, results);
  }

  private static String rootName(String target) {
    int dot = target.indexOf('.');
    return dot < 0 ? target : target.substring(0, dot);
  }

  /**
   * Puts a value at a (possibly dotted) target into {@code into}; a nested target starts from the
   * value already there, or from the variable as {@code existing} shows it.
   */
  @SuppressWarnings("unchecked")
  private static void assign(
      Map<String, Object> into, Map<String, Object> existing, String target, Object value) {
    String[] path = target.split("\\.");
    if (path.length == 1) {
      into.put(target, value);
      return;
    }
    Object rootValue = into.containsKey(path[0]) ? into.get(path[0]) : existing.get(path[0]);
    Map<String, Object> root =
        rootValue instanceof Map<?, ?> m
            ? deepCopy((Map<String, Object>) m)
            : new LinkedHashMap<>();
    Map<String, Object> current = root;
    for (int i = 1; i < path.length - 1; i++) {
      Object next = current.get(path[i]);
      Map<String, Object> child =
          next instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : new LinkedHashMap<>();
      current.put(path[i], child);
      current = child;
    }
    current.put(path[path.length - 1], value);
    into.put(path[0], root);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }
}
