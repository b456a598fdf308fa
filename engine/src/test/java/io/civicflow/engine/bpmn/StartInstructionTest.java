package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creating a process instance with start instructions (docs.camunda.io, "Process instance
 * creation", start instructions): the instance starts at the given elements instead of its none
 * start event, their flow scopes created and entered without their start events; elements that
 * cannot be activated, or unknown ones, are refused with the reason and nothing is created.
 */
@ExtendWith(EngineExtension.class)
class StartInstructionTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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

  /**
   * draft → sign (with a boundary timer) → review (sub-process: check, and in a sub-process detail:
   * inspect; a multi-instance sub-process lots: bid) → end.
   */
  private static String model(String id) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
            targetNamespace="http://civicflow.io/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="draft"/>
            <bpmn:userTask id="draft"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="sign"/>
            <bpmn:userTask id="sign"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            <bpmn:boundaryEvent id="signReminder" attachedToRef="sign" cancelActivity="false">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="review"/>
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
            <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="lots"/>
            <bpmn:subProcess id="lots">
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:extensionElements>
                  <zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="lot"/>
                </bpmn:extensionElements>
              </bpmn:multiInstanceLoopCharacteristics>
              <bpmn:startEvent id="lotStart"/>
              <bpmn:sequenceFlow id="l1" sourceRef="lotStart" targetRef="bid"/>
              <bpmn:userTask id="bid"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f5" sourceRef="lots" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(id);
  }

  private static void deploy(CamundaClient client, String id) {
    client.newDeployResourceCommand().addResourceStringUtf8(model(id), id + ".bpmn").send().join();
  }

  @Test
  void shouldStartAtTheGivenElementInsteadOfTheNoneStartEvent(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("start-at");
    deploy(client, id);

    long pi =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("contractNo", "KS-2018-BC"))
            .startBeforeElement("sign")
            .send()
            .join()
            .getProcessInstanceKey();

    assertThat(engine.elements(pi)).containsExactly(id + "=ACTIVE", "sign=ACTIVE");
    assertThat(engine.variables(pi)).containsEntry("contractNo", "\"KS-2018-BC\"");
    client.newCompleteUserTaskCommand(task(client, pi, "sign").getUserTaskKey()).send().join();
    assertThat(Elements.stateOf(client, pi, "check")).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.of(client, pi, "draft")).as("never reached").isEmpty();
  }

  @Test
  void shouldCreateTheFlowScopesOfElementsInsideASubProcessOnce(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("start-nested");
    deploy(client, id);

    long pi =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .startBeforeElement("check")
            .startBeforeElement("inspect")
            .send()
            .join()
            .getProcessInstanceKey();

    List<ElementInstance> review = Elements.of(client, pi, "review");
    assertThat(review).as("one review for both").hasSize(1);
    assertThat(review.get(0).getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.stateOf(client, pi, "detail")).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.stateOf(client, pi, "check")).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.stateOf(client, pi, "inspect")).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(Elements.of(client, pi, "start")).as("no none start event").isEmpty();
    assertThat(Elements.of(client, pi, "reviewStart")).isEmpty();
    assertThat(Elements.of(client, pi, "detailStart")).isEmpty();

    client.newCompleteUserTaskCommand(task(client, pi, "check").getUserTaskKey()).send().join();
    client.newCompleteUserTaskCommand(task(client, pi, "inspect").getUserTaskKey()).send().join();
    // review completes with both paths done and the process goes on after it
    assertThat(Elements.stateOf(client, pi, "review")).isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.count(client, pi, "bid", ElementInstanceState.ACTIVE)).isEqualTo(2);
    client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(pi).elementId("bid"))
        .send()
        .join()
        .items()
        .forEach(t -> client.newCompleteUserTaskCommand(t.getUserTaskKey()).send().join());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldStartAProcessWithoutANoneStartEventAtAnElement(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("start-message-only");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent("received")
                .message(id + "-complaint")
                .userTask("handle")
                .zeebeUserTask()
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();

    Refusal withoutInstructions =
        Refusal.of(
            () ->
                client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join());
    assertThat(withoutInstructions.code()).isEqualTo(400);
    assertThat(withoutInstructions.detail()).contains("none start event");

    long pi =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .startBeforeElement("handle")
            .send()
            .join()
            .getProcessInstanceKey();
    assertThat(engine.elements(pi)).containsExactly(id + "=ACTIVE", "handle=ACTIVE");
  }

  @Test
  void shouldRefuseElementsItCannotStartAtAndCreateNothing(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("start-refused");
    deploy(client, id);

    Refusal unknown = refusal(client, id, "sing");
    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.title()).isEqualTo("INVALID_ARGUMENT");
    assertThat(unknown.detail()).contains("no element found with id 'sing'");
    for (String element : List.of("start", "signReminder", "bid", "reviewStart")) {
      Refusal refused = refusal(client, id, element);
      assertThat(refused.code()).as(element).isEqualTo(400);
      assertThat(refused.title()).as(element).isEqualTo("INVALID_ARGUMENT");
      assertThat(refused.detail())
          .as(element)
          .contains("the element with id '" + element + "' cannot be started");
    }
    // one bad instruction among good ones refuses the whole creation
    Refusal mixed =
        Refusal.of(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .startBeforeElement("sign")
                    .startBeforeElement("bid")
                    .send()
                    .join());
    assertThat(mixed.code()).isEqualTo(400);

    assertThat(Elements.instancesOf(client, id)).isEmpty();
  }

  private static Refusal refusal(CamundaClient client, String id, String elementId) {
    return Refusal.of(
        () ->
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(id)
                .latestVersion()
                .startBeforeElement(elementId)
                .send()
                .join());
  }
}
