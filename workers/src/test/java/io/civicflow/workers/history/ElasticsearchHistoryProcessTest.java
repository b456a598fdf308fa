package io.civicflow.workers.history;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.Engine;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The application's embedded engine keeps its history in the application's Elasticsearch: an
 * instance that ended is answered by the engine's REST search from there (it has left the heap);
 * while Elasticsearch refuses writes (a {@code write} index block on the history indices) instances
 * keep completing and are answered from memory, and when the block is lifted the export catches up
 * on its own, each instance once.
 */
@EmbeddedEngineProcessTest
class ElasticsearchHistoryProcessTest {

  private static final String JOB = "es-history.check";

  @Autowired private CamundaClient client;
  @Autowired private Engine engine;

  @Value("${civicflow.history.elasticsearch.index-prefix}")
  private String prefix;

  private final ElasticsearchClient elasticsearch = ElasticsearchTestServer.shared().client();

  @BeforeEach
  void deploy() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("es-history")
                .startEvent()
                .serviceTask("Task_Check", t -> t.zeebeJobType(JOB))
                .endEvent()
                .done(),
            "es-history.bpmn")
        .send()
        .join();
  }

  private long runToEnd() {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("es-history")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job =
        client
            .newActivateJobsCommand()
            .jobType(JOB)
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs()
            .get(0);
    client.newCompleteCommand(job.getKey()).send().join();
    return key;
  }

  private ProcessInstanceState searched(long key) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(key))
        .send()
        .join()
        .items()
        .get(0)
        .getState();
  }

  private long stored(long key) throws Exception {
    return elasticsearch
        .count(
            c ->
                c.index(prefix + "-process-instance-*")
                    .query(q -> q.ids(i -> i.values("process-instance-" + key))))
        .count();
  }

  private boolean inHeap(long key) {
    return ((TieredReadModel) engine.readModel()).runtime().processInstance(key).isPresent();
  }

  private void block(boolean blocked) throws Exception {
    elasticsearch
        .indices()
        .putSettings(s -> s.index(prefix + "-*").settings(i -> i.blocks(b -> b.write(blocked))));
  }

  @Test
  void anEndedInstanceIsSearchedFromElasticsearchAndAnOutageIsCaughtUpOnce() throws Exception {
    long before = runToEnd();
    assertThat(searched(before)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(inHeap(before)).as("left the heap").isFalse();
    assertThat(stored(before)).isEqualTo(1);

    block(true);
    long during;
    try {
      during = runToEnd();
      assertThat(searched(during)).isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(inHeap(during)).as("waits in memory").isTrue();
      assertThat(stored(during)).isZero();
      assertThat(engine.historyExport().pendingRoots()).isEqualTo(1);
    } finally {
      block(false);
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> engine.historyExport().pendingRoots() == 0);
    assertThat(inHeap(during)).isFalse();
    assertThat(stored(during)).isEqualTo(1);
    assertThat(stored(before)).isEqualTo(1);
    assertThat(searched(during)).isEqualTo(ProcessInstanceState.COMPLETED);
  }
}
