package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.RecordsContractTest;
import io.civicflow.workers.registry.ServiceRequestRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The incubation, case and request records' contract against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchRecordsTest extends RecordsContractTest {

  private final ElasticsearchTestServer server = ElasticsearchTestServer.shared();

  @BeforeEach
  void emptyIndices() {
    server.clearRegistry();
  }

  @Override
  protected IncubationRecords newIncubations() {
    return ElasticsearchRecords.incubations(server.registryStore());
  }

  @Override
  protected CaseRecords newCases() {
    return ElasticsearchRecords.cases(server.registryStore());
  }

  @Override
  protected ServiceRequestRecords newServiceRequests() {
    return ElasticsearchRecords.serviceRequests(server.registryStore());
  }
}
