package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.JoinConsumed;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Joining inclusive gateways, with Zeebe's documented rule: a converging inclusive gateway
 * activates (consuming one token from each incoming flow that has one) when
 *
 * <ul>
 *   <li>every incoming sequence flow has been taken at least once, or
 *   <li>no path leads from any active element of its flow scope to the gateway, not counting paths
 *       that enter it through an incoming flow already taken.
 * </ul>
 *
 * The "active elements" are the flow scope's active child instances (a sub-process or
 * multi-instance body counts as one, with its own outgoing flows) and the gateways where tokens
 * wait to be joined; paths follow sequence flows, including those leaving boundary events of the
 * elements passed. The rule is checked when a token arrives at the gateway and whenever a path in
 * the same flow scope ends — both after the current step, so that tokens a fork is still handing
 * out are counted.
 */
final class InclusiveJoinBehavior {

  private final BpmnLifecycle lifecycle;

  InclusiveJoinBehavior(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** A token was taken into the joining gateway (its SequenceFlowTaken counted the token). */
  void tokenArrived(ProcessingContext ctx, ElementInstance scope, ExecutableElement gateway) {
    long scopeKey = scope.key();
    ctx.followUp(() -> check(ctx, scopeKey, gateway));
  }

  /** A path ended in a flow scope: a join waiting for it may now be complete. */
  void pathEnded(ProcessingContext ctx, long scopeKey) {
    ElementInstance scope = ctx.state().elementInstance(scopeKey).orElse(null);
    if (scope == null || scope.pendingJoinTokens() == 0) {
      return;
    }
    for (ExecutableElement child : scope.element().children()) {
      if (child.kind() == ElementKind.INCLUSIVE_GATEWAY && child.incoming().size() > 1) {
        ctx.followUp(() -> check(ctx, scopeKey, child));
      }
    }
  }

  private void check(ProcessingContext ctx, long scopeKey, ExecutableElement gateway) {
    ElementInstance scope = ctx.state().elementInstance(scopeKey).orElse(null);
    if (scope == null || scope.phase() != Phase.ACTIVATED) {
      return;
    }
    Set<String> taken = new HashSet<>();
    for (ExecutableSequenceFlow incoming : gateway.incoming()) {
      if (scope.joinTokens(incoming.id()) > 0) {
        taken.add(incoming.id());
      }
    }
    if (taken.isEmpty()) {
      return;
    }
    if (taken.size() < gateway.incoming().size() && canStillBeReached(ctx, scope, gateway, taken)) {
      return;
    }
    ctx.write(new JoinConsumed(scope.key(), gateway.id()));
    lifecycle.createChild(ctx, gateway, scope);
  }

  private boolean canStillBeReached(
      ProcessingContext ctx, ElementInstance scope, ExecutableElement gateway, Set<String> taken) {
    ArrayDeque<ExecutableElement> toVisit = new ArrayDeque<>();
    for (long childKey : scope.childKeys()) {
      ctx.state()
          .elementInstance(childKey)
          .map(ElementInstance::element)
          .filter(e -> e != gateway)
          .ifPresent(toVisit::add);
    }
    for (ExecutableElement element : scope.element().children()) {
      if (element != gateway && waitsAtJoin(scope, element)) {
        toVisit.add(element);
      }
    }
    Set<ExecutableElement> visited = new HashSet<>();
    while (!toVisit.isEmpty()) {
      ExecutableElement element = toVisit.poll();
      if (!visited.add(element)) {
        continue;
      }
      for (ExecutableSequenceFlow flow : element.outgoing()) {
        if (flow.target() == gateway) {
          if (!taken.contains(flow.id())) {
            return true;
          }
        } else {
          toVisit.add(flow.target());
        }
      }
      toVisit.addAll(element.boundaryEvents());
    }
    return false;
  }

  private static boolean waitsAtJoin(ElementInstance scope, ExecutableElement element) {
    for (ExecutableSequenceFlow incoming : element.incoming()) {
      if (scope.joinTokens(incoming.id()) > 0) {
        return true;
      }
    }
    return false;
  }
}
