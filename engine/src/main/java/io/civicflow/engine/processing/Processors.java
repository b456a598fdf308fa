package io.civicflow.engine.processing;

import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.dmn.DecisionEngine;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.model.BpmnTransformer;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.state.EventApplier;
import java.util.Map;

/**
 * The processor wiring: the behaviours, the command processors, and the one table of element
 * processors by element kind (and, for throw and end events, by event type), checked at start-up to
 * cover every kind the transformer can produce with exactly one processor.
 */
final class Processors {

  final DeploymentProcessor deployments;
  final InstanceProcessor instances;
  final JobCommandProcessor jobs;
  final IncidentProcessor incidents;
  final StartEventBehavior startEvents;
  final TimerProcessor timers;
  final MessageProcessor messages;
  final SignalProcessor signals;
  final UserTaskCommandProcessor userTasks;
  final DecisionCommandProcessor decisions;

  /** Runs the elements; its table gives each element its one processor. */
  final BpmnLifecycle lifecycle;

  /** Turns a deployed resource back into its executable, filling the catalog for other readers. */
  final EventApplier.ProcessParser parser;

  /**
   * @param results told when a process instance completes or is terminated (create-with-result)
   */
  Processors(
      FeelEngine feel,
      EngineClock clock,
      Map<Long, ExecutableProcess> catalog,
      ContainerProcessor.ProcessInstanceListener results) {
    DecisionBehavior decisionBehavior =
        new DecisionBehavior(new DecisionEngine(clock, feel.limits()));
    this.deployments =
        new DeploymentProcessor(
            new BpmnTransformer(feel), new DecisionDeployer(decisionBehavior.engine()));
    this.parser =
        resource -> {
          ExecutableProcess executable = deployments.executableOf(resource);
          catalog.put(resource.key(), executable);
          return executable;
        };

    VariableBehavior variables = new VariableBehavior(feel);
    IncidentBehavior incidentBehavior = new IncidentBehavior();
    BpmnLifecycle lifecycle = new BpmnLifecycle(feel, variables, incidentBehavior);
    this.lifecycle = lifecycle;
    ErrorEventBehavior errors = new ErrorEventBehavior(lifecycle, variables);
    JobBehavior jobBehavior = new JobBehavior(feel, variables, incidentBehavior);
    this.startEvents = new StartEventBehavior(lifecycle, variables);
    EventTriggerBehavior triggers = new EventTriggerBehavior(lifecycle, variables);
    this.timers = new TimerProcessor(triggers, startEvents);
    this.messages = new MessageProcessor(triggers, startEvents);
    this.signals = new SignalProcessor(triggers, startEvents);
    lifecycle.useSubscriptions(
        new EventSubscriptionBehavior(feel, variables, incidentBehavior, messages));

    // the element processors, one per kind
    JobTaskProcessor jobTasks = new JobTaskProcessor(jobBehavior);
    CallActivityProcessor callActivities =
        new CallActivityProcessor(feel, variables, incidentBehavior, lifecycle);
    lifecycle.register(
        new ContainerProcessor(lifecycle, variables, callActivities.before(results)),
        ElementKind.PROCESS,
        ElementKind.SUB_PROCESS);
    lifecycle.register(new EventSubProcessProcessor(lifecycle), ElementKind.EVENT_SUB_PROCESS);
    lifecycle.register(
        new PassThroughProcessor(lifecycle),
        ElementKind.START_EVENT,
        ElementKind.INTERMEDIATE_THROW_EVENT,
        ElementKind.TASK,
        ElementKind.MANUAL_TASK,
        ElementKind.BOUNDARY_EVENT,
        ElementKind.PARALLEL_GATEWAY);
    lifecycle.register(
        new EndEventProcessor(feel, variables, incidentBehavior, lifecycle, errors),
        ElementKind.END_EVENT);
    lifecycle.register(
        new CatchEventProcessor(lifecycle),
        ElementKind.INTERMEDIATE_CATCH_EVENT,
        ElementKind.RECEIVE_TASK);
    lifecycle.register(jobTasks, ElementKind.SERVICE_TASK, ElementKind.SEND_TASK);
    lifecycle.register(
        new ScriptTaskProcessor(feel, variables, incidentBehavior, lifecycle, jobTasks),
        ElementKind.SCRIPT_TASK);
    lifecycle.register(
        new UserTaskProcessor(feel, variables, incidentBehavior, jobBehavior),
        ElementKind.USER_TASK);
    lifecycle.register(
        new BusinessRuleTaskProcessor(
            feel, variables, incidentBehavior, lifecycle, decisionBehavior, jobTasks),
        ElementKind.BUSINESS_RULE_TASK);
    lifecycle.register(callActivities, ElementKind.CALL_ACTIVITY);
    lifecycle.register(
        new MultiInstanceBodyProcessor(feel, variables, incidentBehavior, lifecycle),
        ElementKind.MULTI_INSTANCE_BODY);
    lifecycle.register(
        new ExclusiveGatewayProcessor(feel, variables, incidentBehavior, lifecycle),
        ElementKind.EXCLUSIVE_GATEWAY);
    lifecycle.register(
        new InclusiveGatewayProcessor(feel, variables, incidentBehavior, lifecycle),
        ElementKind.INCLUSIVE_GATEWAY);
    lifecycle.register(new EventBasedGatewayProcessor(), ElementKind.EVENT_BASED_GATEWAY);
    // ... and in place of a kind's own, per event type
    EscalationThrowProcessor escalations =
        new EscalationThrowProcessor(feel, variables, incidentBehavior, lifecycle);
    SignalThrowProcessor signalThrows =
        new SignalThrowProcessor(feel, variables, incidentBehavior, lifecycle, signals);
    MessageThrowJobProcessor messageThrows = new MessageThrowJobProcessor(jobBehavior);
    for (ElementKind kind :
        new ElementKind[] {ElementKind.INTERMEDIATE_THROW_EVENT, ElementKind.END_EVENT}) {
      lifecycle.registerEvent(escalations, kind, EventType.ESCALATION);
      lifecycle.registerEvent(signalThrows, kind, EventType.SIGNAL);
      lifecycle.registerEvent(messageThrows, kind, EventType.MESSAGE);
    }
    lifecycle.registerEvent(
        new LinkThrowProcessor(lifecycle), ElementKind.INTERMEDIATE_THROW_EVENT, EventType.LINK);
    lifecycle.registerEvent(
        new PassThroughProcessor(lifecycle), ElementKind.INTERMEDIATE_CATCH_EVENT, EventType.LINK);
    lifecycle.checkEveryKindHasAProcessor();

    this.userTasks = new UserTaskCommandProcessor(lifecycle, variables);
    this.decisions = new DecisionCommandProcessor(decisionBehavior);
    this.instances = new InstanceProcessor(lifecycle, variables);
    this.jobs = new JobCommandProcessor(lifecycle, variables, incidentBehavior, errors);
    this.incidents = new IncidentProcessor(lifecycle, incidentBehavior);
  }
}
