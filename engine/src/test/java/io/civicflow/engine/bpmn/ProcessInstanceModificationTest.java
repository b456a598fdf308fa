package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Process instance modification (docs.camunda.io, "Process instance modification"): move a token
 * (terminate here, activate there) with variables, pick the flow scope instance by its key, and
 * refusals that change nothing.
 */
@ExtendWith(EngineExtension.class)
class ProcessInstanceModificationTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void deploy(TestEngine engine, BpmnModelInstance model) {
    engine.client().newDeployResourceCommand().addProcessModel(model, "model.bpmn").send().join();
  }

  private static ElementInstance only(CamundaClient client, long pi, String elementId) {
    List<ElementInstance> instances = Elements.of(client, pi, elementId);
    assertThat(instances).hasSize(1);
    return instances.get(0);
  }

  private static UserTask task(CamundaClient client, long pi, String elementId) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(pi).elementId(elementId))
        .send()
        .join()
        .items()
        .get(0);
  }

  private static BpmnModelInstance stuckAtMessage(String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .intermediateCatchEvent("awaitPayment")
        .message(m -> m.name(id + "-paid").zeebeCorrelationKeyExpression("contractId"))
        .userTask("report")
        .zeebeUserTask()
        .boundaryEvent(
            "reminder", b -> b.cancelActivity(false).timerWithDuration("P30D").endEvent())
        .moveToActivity("report")
        .endEvent()
        .done();
  }

  @Test
  void shouldMoveATokenWithVariables(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mod-move");
    deploy(engine, stuckAtMessage(id));
    long pi = engine.start(id, Map.of("contractId", "KS-15")).getProcessInstanceKey();
    long waiting = only(client, pi, "awaitPayment").getElementInstanceKey();

    client
        .newModifyProcessInstanceCommand(pi)
        .activateElement("report")
        .withVariables(Map.of("paidBy", "bureau"))
        .withVariables(Map.of("note", "补录"), "report")
        .and()
        .terminateElement(waiting)
        .send()
        .join();

    assertThat(Elements.stateOf(client, pi, "awaitPayment"))
        .isEqualTo(ElementInstanceState.TERMINATED);
    ElementInstance report = only(client, pi, "report");
    assertThat(report.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(engine.variables(pi)).containsEntry("paidBy", "\"bureau\"");
    List<Variable> local =
        client
            .newVariableSearchRequest()
            .filter(f -> f.scopeKey(report.getElementInstanceKey()))
            .send()
            .join()
            .items();
    assertThat(local).extracting(Variable::getName).containsExactly("note");
    assertThat(
            client
                .newMessageSubscriptionSearchRequest()
                .filter(f -> f.processInstanceKey(pi))
                .send()
                .join()
                .items())
        .allSatisfy(s -> assertThat(s.getMessageSubscriptionState().name()).isEqualTo("DELETED"));

    client.newCompleteUserTaskCommand(task(client, pi, "report").getUserTaskKey()).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldTerminateTheInstanceWithItsLastElement(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mod-last");
    deploy(engine, stuckAtMessage(id));
    long pi = engine.start(id, Map.of("contractId", "KS-1")).getProcessInstanceKey();

    client
        .newModifyProcessInstanceCommand(pi)
        .terminateElement(only(client, pi, "awaitPayment").getElementInstanceKey())
        .send()
        .join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void shouldActivateInTheFlowScopeInstanceNamedByItsKey(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mod-ancestor");
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
            targetNamespace="http://civicflow.io/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="lot"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="lot"/>
            <bpmn:subProcess id="lot">
              <bpmn:startEvent id="lotStart"/>
              <bpmn:sequenceFlow id="l1" sourceRef="lotStart" targetRef="bid"/>
              <bpmn:userTask id="bid"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
              <bpmn:sequenceFlow id="l2" sourceRef="bid" targetRef="lotEnd"/>
              <bpmn:endEvent id="lotEnd"/>
              <bpmn:userTask id="clarify"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f4" sourceRef="lot" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);
    engine
        .client()
        .newDeployResourceCommand()
        .addResourceStringUtf8(xml, "lots.bpmn")
        .send()
        .join();
    long pi = engine.start(id, Map.of()).getProcessInstanceKey();
    List<ElementInstance> lots = Elements.of(client, pi, "lot");
    assertThat(lots).hasSize(2);

    Refusal ambiguous =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(pi)
                    .activateElement("clarify")
                    .send()
                    .join());
    assertThat(ambiguous.code()).isEqualTo(400);
    assertThat(ambiguous.detail()).contains("more than one active instance: 'clarify'");

    long chosen = lots.get(0).getElementInstanceKey();
    client.newModifyProcessInstanceCommand(pi).activateElement("clarify", chosen).send().join();
    assertThat(Elements.stateOf(client, pi, "clarify")).isEqualTo(ElementInstanceState.ACTIVE);

    // both bids are done: the other lot completes, the chosen one still waits for its clarification
    client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(pi).elementId("bid"))
        .send()
        .join()
        .items()
        .forEach(t -> client.newCompleteUserTaskCommand(t.getUserTaskKey()).send().join());
    assertThat(Elements.of(client, pi, "lot"))
        .extracting(e -> e.getElementInstanceKey() + "=" + e.getState())
        .contains(chosen + "=ACTIVE");
    client.newCompleteUserTaskCommand(task(client, pi, "clarify").getUserTaskKey()).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  /** prepare → review (sub-process: check; and a sub-process detail: inspect) → end. */
  private static String nested(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
            targetNamespace="http://civicflow.io/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="prepare"/>
            <bpmn:userTask id="prepare"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="prepare" targetRef="review"/>
            <bpmn:subProcess id="review">
              <bpmn:startEvent id="reviewStart"/>
              <bpmn:sequenceFlow id="r1" sourceRef="reviewStart" targetRef="check"/>
              <bpmn:userTask id="check"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
              <bpmn:sequenceFlow id="r2" sourceRef="check" targetRef="reviewEnd"/>
              <bpmn:endEvent id="reviewEnd"/>
              <bpmn:subProcess id="detail">
                <bpmn:startEvent id="detailStart"/>
                <bpmn:sequenceFlow id="d1" sourceRef="detailStart" targetRef="inspect"/>
                <bpmn:userTask id="inspect"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
              </bpmn:subProcess>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }

  @Test
  void shouldCreateTheFlowScopesOfAnElementWhoseScopeIsNotActive(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mod-scopes");
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(nested(id), "nested.bpmn")
        .send()
        .join();

    // no ancestor: the nearest active flow scope (the process) gets a new review around check
    long pi = engine.start(id, Map.of()).getProcessInstanceKey();
    long prepare = only(client, pi, "prepare").getElementInstanceKey();
    client
        .newModifyProcessInstanceCommand(pi)
        .activateElement("check")
        .withVariables(Map.of("reviewer", "王科长"), "review")
        .and()
        .terminateElement(prepare)
        .send()
        .join();
    ElementInstance review = only(client, pi, "review");
    assertThat(review.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(only(client, pi, "check").getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.of(client, pi, "reviewStart")).as("entered without its start").isEmpty();
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(pi).name("reviewer"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(v -> assertThat(v.getScopeKey()).isEqualTo(review.getElementInstanceKey()));
    client.newCompleteUserTaskCommand(task(client, pi, "check").getUserTaskKey()).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);

    // an ancestor above the flow scope: review and detail are created between it and inspect
    long other = engine.start(id, Map.of()).getProcessInstanceKey();
    client.newModifyProcessInstanceCommand(other).activateElement("inspect", other).send().join();
    assertThat(only(client, other, "review").getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(only(client, other, "detail").getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(only(client, other, "inspect").getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.of(client, other, "detailStart")).isEmpty();

    // an ancestor key that is no ancestor of the element: refused, nothing changed
    long notAncestor = only(client, other, "prepare").getElementInstanceKey();
    Refusal refused =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(other)
                    .activateElement("check", notAncestor)
                    .send()
                    .join());
    assertThat(refused.code()).isEqualTo(400);
    assertThat(refused.detail()).contains("not an ancestor of the element to activate");
    assertThat(Elements.of(client, other, "check")).isEmpty();
  }

  @Test
  void shouldRefuseWhatItCannotDoAndChangeNothing(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("mod-refused");
    deploy(engine, stuckAtMessage(id));
    long pi = engine.start(id, Map.of("contractId", "KS-2")).getProcessInstanceKey();
    long waiting = only(client, pi, "awaitPayment").getElementInstanceKey();

    Refusal unknownElement =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(pi)
                    .activateElement("reprot")
                    .and()
                    .terminateElement(waiting)
                    .send()
                    .join());
    assertThat(unknownElement.code()).isEqualTo(400);
    assertThat(unknownElement.detail())
        .contains("activate instructions with an element that could not be found: 'reprot'");

    Refusal boundary =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(pi)
                    .activateElement("reminder")
                    .send()
                    .join());
    assertThat(boundary.code()).isEqualTo(400);
    assertThat(boundary.detail()).contains("an element that is unsupported: 'reminder'");

    Refusal unknownInstance =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(pi)
                    .activateElement("report")
                    .and()
                    .terminateElement(42L)
                    .send()
                    .join());
    assertThat(unknownInstance.code()).isEqualTo(400);
    assertThat(unknownInstance.detail())
        .contains("terminate instructions with an element instance that could not be found: '42'");

    Refusal unknownAncestor =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(pi)
                    .activateElement("report", 43L)
                    .send()
                    .join());
    assertThat(unknownAncestor.code()).isEqualTo(400);
    assertThat(unknownAncestor.detail()).contains("ancestor scope key that does not exist");

    Refusal noInstance =
        Refusal.of(
            () ->
                client
                    .newModifyProcessInstanceCommand(44L)
                    .activateElement("report")
                    .send()
                    .join());
    assertThat(noInstance.code()).isEqualTo(404);

    assertThat(engine.elements(pi))
        .containsExactly(id + "=ACTIVE", startOf(client, pi), "awaitPayment=ACTIVE");
  }

  private static String startOf(CamundaClient client, long pi) {
    return Elements.of(client, pi).stream()
        .filter(e -> e.getType().name().equals("START_EVENT"))
        .map(e -> e.getElementId() + "=" + e.getState())
        .findFirst()
        .orElseThrow();
  }
}
