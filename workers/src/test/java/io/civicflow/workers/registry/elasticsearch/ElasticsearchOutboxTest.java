package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox's contract against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchOutboxTest extends OutboxContractTest {

  @Override
  protected Outbox newOutbox() {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    return new ElasticsearchOutbox(server.registryStore());
  }
}
