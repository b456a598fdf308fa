package io.civicflow.workers.registry.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.civicflow.workers.dispatch.AssigneeResolution;
import io.civicflow.workers.dispatch.WorkerAvailability;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who is away (AB role) is kept in Elasticsearch: an application that starts again — a new client,
 * store and adapter against the same index, as a restarted application builds them — still hands
 * the away worker's service to the backup.
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchWorkerAvailabilityTest {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2025-03-03T01:00:00Z"));

  private final ElasticsearchTestServer server = ElasticsearchTestServer.shared();
  private final java.util.List<ElasticsearchClient> clients = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void closeClients() throws java.io.IOException {
    for (ElasticsearchClient client : clients) {
      client._transport().close();
    }
  }

  @BeforeEach
  void emptyIndices() {
    server.clearRegistry();
  }

  /** What the application builds at start-up: its own client, store and adapter. */
  private WorkerAvailability startApplication() {
    ElasticsearchClient client = ElasticsearchClientFactory.create(server.baseUri());
    clients.add(client);
    ElasticsearchDocumentStore store = new ElasticsearchDocumentStore(client, RegistryIndices.ALL);
    store.ensureIndices();
    return new ElasticsearchWorkerAvailability(store, CLOCK);
  }

  @Test
  void availabilitySurvivesARestartAndStillDecidesTheAssignment() {
    WorkerAvailability before = startApplication();
    before.mark("sw-wang", true);
    before.mark("sw-li", true);
    before.mark("sw-li", false);
    assertThat(before.isAway("sw-wang")).isTrue();

    WorkerAvailability afterRestart = startApplication();

    assertThat(afterRestart.isAway("sw-wang")).isTrue();
    assertThat(afterRestart.isAway("sw-li")).isFalse();
    assertThat(afterRestart.isAway("sw-zhao")).isFalse();
    assertThat(new AssigneeResolution(afterRestart).resolve("sw-wang", "sw-li"))
        .isEqualTo(new AssigneeResolution.Resolved("sw-li", true, null, false));
    assertThat(
            server
                .registryStore()
                .get(
                    RegistryIndices.WORKER_AVAILABILITY.alias(),
                    "sw-wang",
                    ElasticsearchWorkerAvailability.Stored.class))
        .hasValueSatisfying(stored -> assertThat(stored.changedAt()).isEqualTo(CLOCK.instant()));

    afterRestart.mark("sw-wang", false);
    assertThat(startApplication().isAway("sw-wang")).isFalse();
  }
}
