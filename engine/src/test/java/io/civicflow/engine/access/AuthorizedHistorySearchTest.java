package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.READ_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.READ_USER_TASK;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchQuery.PageRequest;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.JobSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch.ProcessInstanceResult;
import io.civicflow.engine.web.v2.VariableSearch;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The searches that look history up by an index (a variable's name and value, a process instance
 * key) show a caller exactly what the scan they replace showed: only instances of processes the
 * caller may read, counted right, whether the records are running or in the history store.
 */
class AuthorizedHistorySearchTest {

  private static final AccessCheck CHECK =
      new AccessCheck(
          new FileAuthorizationSource(
              List.of(
                  new AuthorizationGrant(
                      0,
                      OwnerType.USER,
                      "zhang",
                      PROCESS_DEFINITION,
                      "service-task-with-gateway",
                      Set.of(READ_PROCESS_INSTANCE, READ_USER_TASK)))));

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = AuthorizedHistorySearchTest.class.getResourceAsStream("/bpmn/" + name)) {
      return in.readAllBytes();
    }
  }

  private static <R, D> SearchResult<D> search(
      SearchResource<R, D> resource, ReadModel readModel, String filter) throws Exception {
    return Searcher.search(
        resource,
        new SearchQuery(
            Json.MAPPER.readTree(filter), List.of(), new PageRequest(null, 100, null, null)),
        readModel);
  }

  @Test
  void shouldShowACallerOnlyWhatItMayReadThroughTheIndexedLookups() throws Exception {
    try (Engine engine = Engine.start(EngineConfig.inMemory())) {
      engine
          .deploy(
              new Deploy(
                  List.of(
                      new DeployResource(
                          "service-task-with-gateway.bpmn",
                          fixture("service-task-with-gateway.bpmn")),
                      new DeployResource(
                          "single-service-task.bpmn", fixture("single-service-task.bpmn"))),
                  null))
          .get();
      for (String process : List.of("service-task-with-gateway", "single-service-task")) {
        for (int i = 0; i < 3; i++) {
          engine
              .createProcessInstance(
                  new CreateProcessInstance(
                      process,
                      null,
                      null,
                      Map.of("applicant", "A"),
                      List.of(),
                      List.of(),
                      false,
                      List.of(),
                      0,
                      null))
              .get();
        }
      }
      // one instance of each process ends (history), the others run
      for (ActivatedJob job :
          engine.readModel().jobs().stream()
              .map(j -> j.type())
              .distinct()
              .flatMap(
                  type -> {
                    try {
                      return engine
                          .activateJobs(
                              new ActivateJobs(type, "t", 60_000, 1, List.of(), 1_000, List.of()))
                          .get()
                          .stream();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList()) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 80))).get();
      }
      ReadModel zhang =
          new AuthorizedReadModel(
              engine.readModel(),
              CHECK.grantsFor(new Identity("zhang", "zhang", Set.of(), Set.of(), Set.of())));

      SearchResult<ProcessInstanceResult> byVariable =
          search(
              ProcessInstanceSearch.INSTANCE,
              zhang,
              "{\"variables\":[{\"name\":\"applicant\",\"value\":\"\\\"A\\\"\"}]}");
      assertThat(byVariable.items())
          .extracting(ProcessInstanceResult::processDefinitionId)
          .containsOnly("service-task-with-gateway");
      assertThat(byVariable.items())
          .extracting(ProcessInstanceResult::state)
          .contains("ACTIVE", "COMPLETED");
      assertThat(byVariable.page().totalItems()).isEqualTo(3);
      assertThat(byVariable)
          .isEqualTo(
              search(
                  ProcessInstanceSearch.INSTANCE,
                  zhang,
                  "{\"variables\":[{\"name\":\"applicant\",\"value\":{\"$like\":\"\\\"A\\\"\"}}]}"));

      var variables = search(VariableSearch.INSTANCE, zhang, "{\"name\":\"applicant\"}");
      assertThat(variables.page().totalItems()).isEqualTo(3);
      assertThat(variables)
          .isEqualTo(
              search(VariableSearch.INSTANCE, zhang, "{\"name\":{\"$like\":\"applicant\"}}"));

      for (ProcessInstanceResult hidden :
          search(ProcessInstanceSearch.INSTANCE, engine.readModel(), "{}").items()) {
        if (hidden.processDefinitionId().equals("single-service-task")) {
          String pinned = "{\"processInstanceKey\":\"" + hidden.processInstanceKey() + "\"}";
          assertThat(search(JobSearch.INSTANCE, zhang, pinned).page().totalItems()).isZero();
          assertThat(search(VariableSearch.INSTANCE, zhang, pinned).page().totalItems()).isZero();
          assertThat(search(JobSearch.INSTANCE, engine.readModel(), pinned).page().totalItems())
              .isEqualTo(1);
        }
      }
    }
  }
}
