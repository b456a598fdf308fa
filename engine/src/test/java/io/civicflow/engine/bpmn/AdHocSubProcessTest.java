package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ad-hoc sub-processes ({@code zeebe:adHoc}, Camunda 8.8): the inner elements named by the active
 * elements collection run in any order; the completion condition, checked each time an inner path
 * ends, completes the sub-process and cancels what is still active; elements can also be activated
 * through the ad-hoc activation API (REST, as in Camunda).
 */
@ExtendWith(EngineExtension.class)
class AdHocSubProcessTest {

  private static void complete(TestEngine engine, ActivatedJob job, Map<String, Object> variables) {
    engine.client().newCompleteCommand(job).variables(variables).send().join();
  }

  @Test
  void shouldActivateTheCollectedElementsAndCompleteOnTheConditionCancellingTheRest(
      TestEngine engine) {
    engine.deploy("ad-hoc-evaluation.bpmn");
    long pi =
        engine
            .start(
                "ad-hoc-evaluation",
                Map.of(
                    "parts",
                    List.of("Task_Price", "Task_Tech", "Task_Qualify"),
                    "priceChecked",
                    false,
                    "techChecked",
                    false))
            .getProcessInstanceKey();

    ActivatedJob price = engine.activateOne("ah-price");
    ActivatedJob tech = engine.activateOne("ah-tech");
    ActivatedJob qualify = engine.activateOne("ah-qualify");
    // an inner path goes on along its flows inside the sub-process
    complete(engine, qualify, Map.of());
    assertThat(engine.activateOne("ah-report").getElementId()).isEqualTo("Task_Report");
    complete(engine, price, Map.of("priceChecked", true));
    assertThat(engine.elements(pi)).contains("AdHoc_Evaluation=ACTIVE");

    complete(engine, tech, Map.of("techChecked", true));

    assertThat(engine.elements(pi))
        .contains(
            "AdHoc_Evaluation=COMPLETED",
            "Task_Price=COMPLETED",
            "Task_Tech=COMPLETED",
            "Task_Qualify=COMPLETED",
            "Task_Report=TERMINATED",
            "Task_Award=ACTIVE");
    List<ElementInstance> adHoc =
        engine
            .client()
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(pi).elementId("AdHoc_Evaluation"))
            .send()
            .join()
            .items();
    assertThat(adHoc).extracting(e -> e.getType().name()).containsExactly("AD_HOC_SUB_PROCESS");
    complete(engine, engine.activateOne("ah-award"), Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldActivateElementsThroughTheApiAndCompleteWhenNothingIsActive(TestEngine engine) {
    engine.deploy("ad-hoc-by-api.bpmn");
    long pi = engine.start("ad-hoc-by-api", Map.of()).getProcessInstanceKey();
    assertThat(engine.elements(pi))
        .containsExactly("ad-hoc-by-api=ACTIVE", "StartEvent_1=COMPLETED", "AdHoc_Visits=ACTIVE");
    long adHocKey =
        engine
            .client()
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(pi).elementId("AdHoc_Visits"))
            .send()
            .join()
            .items()
            .get(0)
            .getElementInstanceKey();

    engine
        .client()
        .newActivateAdHocSubProcessActivitiesCommand(Long.toString(adHocKey))
        .activateElement("Task_Visit", Map.of("household", "张家"))
        .activateElement("Task_Call")
        .send()
        .join();
    ActivatedJob visit = engine.activateOne("ah-visit");
    assertThat(visit.getVariablesAsMap()).containsEntry("household", "张家");
    complete(engine, visit, Map.of());
    assertThat(engine.elements(pi)).contains("AdHoc_Visits=ACTIVE");
    complete(engine, engine.activateOne("ah-call"), Map.of());

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRefuseToActivateWhatIsNotAnInnerElement(TestEngine engine) {
    engine.deploy("ad-hoc-by-api.bpmn");
    long pi = engine.start("ad-hoc-by-api", Map.of()).getProcessInstanceKey();
    long adHocKey =
        engine
            .client()
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(pi).elementId("AdHoc_Visits"))
            .send()
            .join()
            .items()
            .get(0)
            .getElementInstanceKey();

    Refusal unknown =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newActivateAdHocSubProcessActivitiesCommand(Long.toString(adHocKey))
                    .activateElement("Task_Unknown")
                    .send()
                    .join());
    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.detail()).contains("Task_Unknown");
    Refusal notAdHoc =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newActivateAdHocSubProcessActivitiesCommand(Long.toString(pi))
                    .activateElement("Task_Visit")
                    .send()
                    .join());
    assertThat(notAdHoc.code()).isEqualTo(404);
  }

  @Test
  void shouldOpenAnIncidentForAnElementIdThatIsNotInside(TestEngine engine) {
    engine.deploy("ad-hoc-evaluation.bpmn");
    long pi =
        engine
            .start(
                "ad-hoc-evaluation",
                Map.of("parts", List.of("Task_Nope"), "priceChecked", false, "techChecked", false))
            .getProcessInstanceKey();

    assertThat(engine.incidents(pi))
        .singleElement()
        .satisfies(i -> assertThat(i.getErrorMessage()).contains("Task_Nope"));
  }

  @Test
  void shouldCollectEachCompletedElementsOutputAndShowTheCollectionAfterTheSubProcess(
      TestEngine engine) {
    engine.deploy("ad-hoc-output-collection.bpmn");
    long pi = engine.start("ad-hoc-output-collection", Map.of()).getProcessInstanceKey();
    ActivatedJob price = engine.activateOne("aho-price");
    ActivatedJob tech = engine.activateOne("aho-tech");

    complete(engine, tech, Map.of("score", 9));
    complete(engine, price, Map.of("score", 7));

    ActivatedJob award = engine.activateOne("aho-award");
    // in completion order, each evaluated in the completed element's scope
    assertThat(award.getVariablesAsMap())
        .containsEntry(
            "reviews",
            List.of(Map.of("part", "tech", "score", 9), Map.of("part", "price", "score", 7)));
    assertThat(engine.variables(pi)).containsKey("reviews");
  }

  @Test
  void shouldRejectAnOutputElementWithoutAnOutputCollectionAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("ad-hoc-output-element-only.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail())
        .contains("AdHoc_Reviews")
        .contains("OutputElement and OutputCollection must both be set");
  }
}
