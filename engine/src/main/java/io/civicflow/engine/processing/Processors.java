package io.civicflow.engine.processing;

import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.dmn.DecisionEngine;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.model.BpmnTransformer;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.state.EventApplier;
import java.util.List;
import java.util.Map;

/**
 * The processor wiring: the behaviours, the command processors, and the one table of element
 * processors by element kind (and, for throw and end events, by event type; {@link
 * ElementProcessors}), checked at start-up to cover every kind the transformer can produce with
 * exactly one processor. Nothing is registered or set later: the lifecycle receives its table and
 * its subscriptions when it is constructed ({@link Wired#wire}).
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
  final AdHocActivationProcessor adHocActivations;
  final MigrationProcessor migrations;
  final ModificationProcessor modifications;
  final ResourceDeletionProcessor resourceDeletions;
  final BatchOperationProcessor batchOperations;

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
      ContainerProcessor.ProcessInstanceListener results,
      UserTaskWaiters userTaskWaiters) {
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
    JobBehavior jobBehavior = new JobBehavior(feel, variables, incidentBehavior);
    Wired wired =
        new Wired(
            feel,
            variables,
            incidentBehavior,
            jobBehavior,
            decisionBehavior,
            results,
            userTaskWaiters);
    BpmnLifecycle lifecycle = new BpmnLifecycle(feel, variables, incidentBehavior, wired::wire);
    this.lifecycle = lifecycle;
    this.startEvents = wired.startEvents;
    this.timers = wired.timers;
    this.messages = wired.messages;
    this.signals = wired.signals;
    ErrorEventBehavior errors = wired.errors;

    this.userTasks = new UserTaskCommandProcessor(wired.taskListeners);
    this.decisions = new DecisionCommandProcessor(decisionBehavior);
    this.adHocActivations = new AdHocActivationProcessor(wired.adHocSubProcesses);
    this.jobs =
        new JobCommandProcessor(
            lifecycle,
            variables,
            incidentBehavior,
            errors,
            wired.taskListeners,
            wired.adHocSubProcesses);
    this.incidents = new IncidentProcessor(lifecycle, incidentBehavior);
    this.modifications = new ModificationProcessor(lifecycle, variables);
    this.instances = new InstanceProcessor(lifecycle, variables, modifications);
    this.resourceDeletions = new ResourceDeletionProcessor(wired.startEvents);
    this.migrations =
        new MigrationProcessor(
            new EventSubscriptionBehavior(feel, variables, incidentBehavior, wired.messages));
    this.batchOperations =
        new BatchOperationProcessor(instances, incidents, migrations, modifications);
  }

  /**
   * What uses the lifecycle it belongs to, built by {@link #wire} while the lifecycle is
   * constructed: the behaviours that trigger events, and the one table of element processors.
   */
  private static final class Wired {

    private final FeelEngine feel;
    private final VariableBehavior variables;
    private final IncidentBehavior incidents;
    private final JobBehavior jobBehavior;
    private final DecisionBehavior decisionBehavior;
    private final ContainerProcessor.ProcessInstanceListener results;
    private final UserTaskWaiters userTaskWaiters;

    private StartEventBehavior startEvents;
    private TaskListenerBehavior taskListeners;
    private AdHocSubProcessProcessor adHocSubProcesses;
    private TimerProcessor timers;
    private MessageProcessor messages;
    private SignalProcessor signals;
    private ErrorEventBehavior errors;

    Wired(
        FeelEngine feel,
        VariableBehavior variables,
        IncidentBehavior incidents,
        JobBehavior jobBehavior,
        DecisionBehavior decisionBehavior,
        ContainerProcessor.ProcessInstanceListener results,
        UserTaskWaiters userTaskWaiters) {
      this.feel = feel;
      this.variables = variables;
      this.incidents = incidents;
      this.jobBehavior = jobBehavior;
      this.decisionBehavior = decisionBehavior;
      this.results = results;
      this.userTaskWaiters = userTaskWaiters;
    }

    BpmnLifecycle.Wiring wire(BpmnLifecycle lifecycle) {
      errors = new ErrorEventBehavior(lifecycle, variables);
      taskListeners =
          new TaskListenerBehavior(feel, variables, incidents, lifecycle, userTaskWaiters);
      startEvents = new StartEventBehavior(lifecycle, variables);
      EventTriggerBehavior triggers = new EventTriggerBehavior(lifecycle, variables);
      timers = new TimerProcessor(triggers, startEvents);
      messages = new MessageProcessor(triggers, startEvents);
      signals = new SignalProcessor(triggers, startEvents);

      JobTaskProcessor jobTasks = new JobTaskProcessor(jobBehavior);
      adHocSubProcesses = new AdHocSubProcessProcessor(feel, variables, incidents, lifecycle);
      CallActivityProcessor callActivities =
          new CallActivityProcessor(feel, variables, incidents, lifecycle);
      ElementProcessors table =
          ElementProcessors.table()
              .kinds(
                  // a process ends: awaited results first, then the calling activity continues
                  new ContainerProcessor(lifecycle, variables, List.of(results, callActivities)),
                  ElementKind.PROCESS,
                  ElementKind.SUB_PROCESS)
              .kinds(new EventSubProcessProcessor(lifecycle), ElementKind.EVENT_SUB_PROCESS)
              .kinds(adHocSubProcesses, ElementKind.AD_HOC_SUB_PROCESS)
              .kinds(
                  new PassThroughProcessor(lifecycle),
                  ElementKind.START_EVENT,
                  ElementKind.INTERMEDIATE_THROW_EVENT,
                  ElementKind.TASK,
                  ElementKind.MANUAL_TASK,
                  ElementKind.BOUNDARY_EVENT,
                  ElementKind.PARALLEL_GATEWAY)
              .kinds(
                  new EndEventProcessor(feel, variables, incidents, lifecycle, errors),
                  ElementKind.END_EVENT)
              .kinds(
                  new CatchEventProcessor(lifecycle),
                  ElementKind.INTERMEDIATE_CATCH_EVENT,
                  ElementKind.RECEIVE_TASK)
              .kinds(jobTasks, ElementKind.SERVICE_TASK, ElementKind.SEND_TASK)
              .kinds(
                  new ScriptTaskProcessor(feel, variables, incidents, lifecycle, jobTasks),
                  ElementKind.SCRIPT_TASK)
              .kinds(
                  new UserTaskProcessor(feel, variables, incidents, jobBehavior, taskListeners),
                  ElementKind.USER_TASK)
              .kinds(
                  new BusinessRuleTaskProcessor(
                      feel, variables, incidents, lifecycle, decisionBehavior, jobTasks),
                  ElementKind.BUSINESS_RULE_TASK)
              .kinds(callActivities, ElementKind.CALL_ACTIVITY)
              .kinds(
                  new MultiInstanceBodyProcessor(feel, variables, incidents, lifecycle),
                  ElementKind.MULTI_INSTANCE_BODY)
              .kinds(
                  new ExclusiveGatewayProcessor(feel, variables, incidents, lifecycle),
                  ElementKind.EXCLUSIVE_GATEWAY)
              .kinds(
                  new InclusiveGatewayProcessor(feel, variables, incidents, lifecycle),
                  ElementKind.INCLUSIVE_GATEWAY)
              .kinds(new EventBasedGatewayProcessor(), ElementKind.EVENT_BASED_GATEWAY)
              // in place of the kind's own, for one event type
              .event(
                  new EscalationThrowProcessor(feel, variables, incidents, lifecycle),
                  EventType.ESCALATION,
                  ElementKind.INTERMEDIATE_THROW_EVENT,
                  ElementKind.END_EVENT)
              .event(
                  new SignalThrowProcessor(feel, variables, incidents, lifecycle, signals),
                  EventType.SIGNAL,
                  ElementKind.INTERMEDIATE_THROW_EVENT,
                  ElementKind.END_EVENT)
              .event(
                  new MessageThrowJobProcessor(jobBehavior),
                  EventType.MESSAGE,
                  ElementKind.INTERMEDIATE_THROW_EVENT,
                  ElementKind.END_EVENT)
              .event(
                  new LinkThrowProcessor(lifecycle),
                  EventType.LINK,
                  ElementKind.INTERMEDIATE_THROW_EVENT)
              .event(
                  new PassThroughProcessor(lifecycle),
                  EventType.LINK,
                  ElementKind.INTERMEDIATE_CATCH_EVENT)
              .event(
                  new CompensationThrowProcessor(lifecycle),
                  EventType.COMPENSATION,
                  ElementKind.INTERMEDIATE_THROW_EVENT,
                  ElementKind.END_EVENT)
              .build();
      return new BpmnLifecycle.Wiring(
          table, new EventSubscriptionBehavior(feel, variables, incidents, messages));
    }
  }
}
