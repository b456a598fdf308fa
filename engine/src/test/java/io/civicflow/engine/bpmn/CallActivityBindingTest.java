package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which version of the called process a call activity starts (docs.camunda.io, "Call activities",
 * binding type): {@code deployment} the one deployed together with the calling process's version,
 * even when a newer callee was deployed alone since and even after an instance was migrated to that
 * version; {@code latest} the newest; {@code versionTag} the newest with the tag.
 *
 * <p>Deployment A holds caller v1 and callee v1 (tag a), deployment B caller v2 and callee v2 (tag
 * b) with a latest-bound and a tag-bound caller, deployment C callee v3 (tag c) alone.
 */
@ExtendWith(EngineExtension.class)
class CallActivityBindingTest {

  private final String caller = unique("binding-caller");
  private final String callee = unique("binding-callee");
  private final String latestCaller = unique("binding-latest");
  private final String tagCaller = unique("binding-tag");

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A caller: a user task to wait at, then the call activity. */
  private BpmnModelInstance callerModel(
      String id, String taskName, ZeebeBindingType binding, String versionTag) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("start")
        .userTask("prepare")
        .name(taskName)
        .zeebeUserTask()
        .callActivity(
            "call",
            c -> {
              c.zeebeProcessId(callee).zeebeBindingType(binding);
              if (versionTag != null) {
                c.zeebeVersionTag(versionTag);
              }
            })
        .endEvent("end")
        .done();
  }

  /** The callee, waiting at a user task so its instance stays to be looked at. */
  private BpmnModelInstance calleeModel(String versionTag) {
    return Bpmn.createExecutableProcess(callee)
        .versionTag(versionTag)
        .startEvent("calleeStart")
        .userTask("calleeWork")
        .zeebeUserTask()
        .endEvent("calleeEnd")
        .done();
  }

  private static DeploymentEvent deploy(TestEngine engine, Map<String, BpmnModelInstance> models) {
    List<Map.Entry<String, BpmnModelInstance>> entries = List.copyOf(models.entrySet());
    DeployResourceCommandStep2 command =
        engine
            .client()
            .newDeployResourceCommand()
            .addProcessModel(entries.get(0).getValue(), entries.get(0).getKey() + ".bpmn");
    for (var model : entries.subList(1, entries.size())) {
      command = command.addProcessModel(model.getValue(), model.getKey() + ".bpmn");
    }
    return command.send().join();
  }

  private static long keyOf(DeploymentEvent deployment, String processId) {
    return deployment.getProcesses().stream()
        .filter(p -> p.getBpmnProcessId().equals(processId))
        .map(Process::getProcessDefinitionKey)
        .findFirst()
        .orElseThrow();
  }

  /** The three deployments, their callee keys in order A, B, C. */
  private record Deployed(long callerV1, long callerV2, long calleeA, long calleeB, long calleeC) {}

  private Deployed deployThree(TestEngine engine) {
    DeploymentEvent a =
        deploy(
            engine,
            Map.of(
                caller, callerModel(caller, "准备 v1", ZeebeBindingType.deployment, null),
                callee, calleeModel("a")));
    DeploymentEvent b =
        deploy(
            engine,
            Map.of(
                caller,
                callerModel(caller, "准备 v2", ZeebeBindingType.deployment, null),
                callee,
                calleeModel("b"),
                latestCaller,
                callerModel(latestCaller, "准备", ZeebeBindingType.latest, null),
                tagCaller,
                callerModel(tagCaller, "准备", ZeebeBindingType.versionTag, "a")));
    DeploymentEvent c = deploy(engine, Map.of(callee, calleeModel("c")));
    Deployed deployed =
        new Deployed(
            keyOf(a, caller),
            keyOf(b, caller),
            keyOf(a, callee),
            keyOf(b, callee),
            keyOf(c, callee));
    // three versions of the callee, two of the caller
    assertThat(List.of(deployed.calleeA(), deployed.calleeB(), deployed.calleeC()))
        .doesNotHaveDuplicates();
    assertThat(deployed.callerV1()).isNotEqualTo(deployed.callerV2());
    return deployed;
  }

  private static long startAt(TestEngine engine, long processDefinitionKey) {
    return engine
        .client()
        .newCreateInstanceCommand()
        .processDefinitionKey(processDefinitionKey)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** Completes the caller's waiting task; answers the called child's process definition key. */
  private static long calledVersionOf(CamundaClient client, long processInstanceKey) {
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).elementId("prepare"))
            .send()
            .join()
            .items();
    assertThat(tasks).hasSize(1);
    client.newCompleteUserTaskCommand(tasks.get(0).getUserTaskKey()).send().join();
    List<ProcessInstance> children = Searches.childrenOf(client, processInstanceKey);
    assertThat(children).hasSize(1);
    return children.get(0).getProcessDefinitionKey();
  }

  @Test
  void shouldCallTheCalleeDeployedWithTheCallersVersionNotTheLatest(TestEngine engine) {
    Deployed deployed = deployThree(engine);

    long onV2 = startAt(engine, deployed.callerV2());
    long onV1 = startAt(engine, deployed.callerV1());

    assertThat(calledVersionOf(engine.client(), onV2)).isEqualTo(deployed.calleeB());
    assertThat(calledVersionOf(engine.client(), onV1)).isEqualTo(deployed.calleeA());
  }

  @Test
  void shouldCallTheCalleeOfTheTargetsDeploymentAfterMigration(TestEngine engine) {
    CamundaClient client = engine.client();
    Deployed deployed = deployThree(engine);
    long instance = startAt(engine, deployed.callerV1());

    client
        .newMigrateProcessInstanceCommand(instance)
        .migrationPlan(deployed.callerV2())
        .addMappingInstruction("prepare", "prepare")
        .send()
        .join();

    assertThat(Searches.processInstance(client, instance).getProcessDefinitionKey())
        .isEqualTo(deployed.callerV2());
    assertThat(calledVersionOf(client, instance)).isEqualTo(deployed.calleeB());
  }

  @Test
  void shouldCallTheLatestCalleeWhenBoundToLatest(TestEngine engine) {
    Deployed deployed = deployThree(engine);
    long instance = engine.start(latestCaller, Map.of()).getProcessInstanceKey();

    assertThat(calledVersionOf(engine.client(), instance)).isEqualTo(deployed.calleeC());
  }

  @Test
  void shouldCallTheCalleeWithTheVersionTagWhenBoundToIt(TestEngine engine) {
    Deployed deployed = deployThree(engine);
    long instance = engine.start(tagCaller, Map.of()).getProcessInstanceKey();

    assertThat(calledVersionOf(engine.client(), instance)).isEqualTo(deployed.calleeA());
  }
}
