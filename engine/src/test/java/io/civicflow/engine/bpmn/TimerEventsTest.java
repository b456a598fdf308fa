package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class TimerEventsTest {

  private static ProcessInstanceState stateOfInstance(CamundaClient client, long key) {
    return client.newProcessInstanceGetRequest(key).send().join().getState();
  }

  @Test
  void shouldWaitAtAnIntermediateTimerUntilItsDurationPassed(TestEngine engine) {
    engine.deploy("timer-intermediate-catch-duration.bpmn");
    long pi = engine.start("timer-intermediate-catch-duration", Map.of()).getProcessInstanceKey();

    engine.increaseTime(Duration.ofMinutes(59));
    assertThat(Elements.stateOf(engine.client(), pi, "Timer_WaitOneHour"))
        .isEqualTo(ElementInstanceState.ACTIVE);

    engine.increaseTime(Duration.ofMinutes(2));
    assertThat(Elements.stateOf(engine.client(), pi, "Timer_WaitOneHour"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(stateOfInstance(engine.client(), pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldCancelTheTimerOfATerminatedElement(TestEngine engine) {
    engine.deploy("timer-intermediate-catch-duration.bpmn");
    long pi = engine.start("timer-intermediate-catch-duration", Map.of()).getProcessInstanceKey();

    engine.client().newCancelInstanceCommand(pi).send().join();
    engine.increaseTime(Duration.ofHours(2));

    assertThat(Elements.stateOf(engine.client(), pi, "Timer_WaitOneHour"))
        .isEqualTo(ElementInstanceState.TERMINATED);
    assertThat(Elements.of(engine.client(), pi, "EndEvent_1")).isEmpty();
    assertThat(stateOfInstance(engine.client(), pi)).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void shouldEvaluateATimerDateExpressionWhenEnteredAndRaiseAnIncidentWhenItFails(
      TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("timer-intermediate-catch-feel-date.bpmn");
    long pi = engine.start("timer-intermediate-catch-feel-date", Map.of()).getProcessInstanceKey();

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incident.getElementId()).isEqualTo("Timer_UntilDeadline");

    Instant now = Instant.ofEpochMilli(clockOf(engine));
    String deadline =
        ZonedDateTime.ofInstant(now.plus(Duration.ofDays(2)), ZoneId.of("UTC")).toString();
    client.newSetVariablesCommand(pi).variables(Map.of("deadline", deadline)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    assertThat(Elements.stateOf(client, pi, "Timer_UntilDeadline"))
        .isEqualTo(ElementInstanceState.ACTIVE);

    engine.increaseTime(Duration.ofDays(1));
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    engine.increaseTime(Duration.ofDays(1).plusMinutes(1));
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  private static long clockOf(TestEngine engine) {
    return engine.bean(io.civicflow.engine.api.EngineApi.class).clock().epochMilli();
  }

  @Test
  void shouldTerminateTheTaskWhenAnInterruptingBoundaryTimerFires(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("timer-boundary-interrupting.bpmn");
    long pi =
        engine
            .start("timer-boundary-interrupting", Map.of("evaluationPeriod", "P10D"))
            .getProcessInstanceKey();

    engine.increaseTime(Duration.ofDays(9));
    assertThat(Elements.stateOf(client, pi, "Task_EvaluateBids"))
        .isEqualTo(ElementInstanceState.ACTIVE);

    engine.increaseTime(Duration.ofDays(2));
    assertThat(Elements.stateOf(client, pi, "Task_EvaluateBids"))
        .isEqualTo(ElementInstanceState.TERMINATED);
    assertThat(Elements.stateOf(client, pi, "Timer_EvaluationDeadline"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, pi, "EndEvent_Overdue"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.of(client, pi, "EndEvent_Evaluated")).isEmpty();
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Elements.activate(client, "evaluate-bids")).isEmpty();
  }

  @Test
  void shouldCancelTheBoundaryTimerWhenTheTaskCompletesFirst(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("timer-boundary-interrupting.bpmn");
    long pi =
        engine
            .start("timer-boundary-interrupting", Map.of("evaluationPeriod", "PT1H"))
            .getProcessInstanceKey();

    ActivatedJob job = Elements.activate(client, "evaluate-bids").get(0);
    client.newCompleteCommand(job).send().join();
    engine.increaseTime(Duration.ofHours(2));

    assertThat(Elements.stateOf(client, pi, "EndEvent_Evaluated"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.of(client, pi, "Timer_EvaluationDeadline")).isEmpty();
  }

  @Test
  void shouldFireANonInterruptingCycleTwelveTimesOverTwoYearsInOneJump(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("timer-boundary-non-interrupting-cycle.bpmn");
    long pi =
        engine.start("timer-boundary-non-interrupting-cycle", Map.of()).getProcessInstanceKey();

    engine.increaseTime(twoYearsFrom(clockOf(engine)));

    assertThat(Elements.count(client, pi, "Timer_OperatingReport", ElementInstanceState.COMPLETED))
        .isEqualTo(12);
    assertThat(Elements.count(client, pi, "EndEvent_ReportDue", ElementInstanceState.COMPLETED))
        .isEqualTo(12);
    assertThat(Elements.stateOf(client, pi, "SubProcess_Contract"))
        .isEqualTo(ElementInstanceState.ACTIVE);
    // parent relations: the reports run beside the sub-process, the task inside it
    long subProcess = Elements.of(client, pi, "SubProcess_Contract").get(0).getElementInstanceKey();
    List<ElementInstance> inside =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.elementInstanceScopeKey(subProcess))
            .send()
            .join()
            .items();
    assertThat(inside)
        .extracting(ElementInstance::getElementId)
        .containsExactly("StartEvent_Contract", "Task_DeliverServices");
    List<ElementInstance> top =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.elementInstanceScopeKey(pi))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items();
    assertThat(top)
        .extracting(ElementInstance::getElementId)
        .contains("SubProcess_Contract", "Timer_OperatingReport")
        .doesNotContain("Task_DeliverServices");
  }

  @Test
  void shouldFireANonInterruptingCycleOncePerTwoMonthStepAndStopWithTheActivity(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("timer-boundary-non-interrupting-cycle.bpmn");
    long pi =
        engine.start("timer-boundary-non-interrupting-cycle", Map.of()).getProcessInstanceKey();

    for (int step = 1; step <= 12; step++) {
      long now = clockOf(engine);
      ZonedDateTime from =
          ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), ZoneId.systemDefault());
      engine.increaseTime(Duration.between(from, from.plusMonths(2)));
      assertThat(
              Elements.count(client, pi, "Timer_OperatingReport", ElementInstanceState.COMPLETED))
          .isEqualTo(step);
    }

    client.newCompleteCommand(Elements.activate(client, "deliver-services").get(0)).send().join();
    engine.increaseTime(Duration.ofDays(365));
    assertThat(Elements.count(client, pi, "Timer_OperatingReport", ElementInstanceState.COMPLETED))
        .isEqualTo(12);
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  private static Duration twoYearsFrom(long epochMilli) {
    ZonedDateTime from =
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMilli), ZoneId.systemDefault());
    return Duration.between(from, from.plusYears(2));
  }

  @Test
  void shouldStartAnInstanceForEachRepetitionOfATimerStartCycle(TestEngine engine) {
    engine.deploy("timer-start-event-cycle.bpmn");

    engine.increaseTime(Duration.ofHours(5));

    assertThat(Elements.instancesOf(engine.client(), "timer-start-event"))
        .hasSize(3)
        .allSatisfy(i -> assertThat(i.getState()).isEqualTo(ProcessInstanceState.COMPLETED));
  }

  @Test
  void shouldReplaceTheStartTimersOfThePreviousVersionOnRedeployment(TestEngine engine) {
    engine.deploy("timer-start-event-cycle.bpmn");
    engine.increaseTime(Duration.ofMinutes(61));
    engine.deploy("timer-start-event-replaced.bpmn");

    engine.increaseTime(Duration.ofHours(5));

    assertThat(Elements.instancesOf(engine.client(), "timer-start-event")).hasSize(1);
  }

  @Test
  void shouldStartAnInstanceAtEachMatchOfACronCycle(TestEngine engine) {
    engine.deploy("timer-start-event-cron.bpmn");

    engine.increaseTime(Duration.ofDays(3));

    assertThat(Elements.instancesOf(engine.client(), "timer-start-event-cron")).hasSize(3);
  }

  @Test
  void shouldRejectACycleOnAnInterruptingBoundaryTimer(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("timer-cycle-on-interrupting-boundary.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("Timer_Cycle").contains("cycle");
  }
}
