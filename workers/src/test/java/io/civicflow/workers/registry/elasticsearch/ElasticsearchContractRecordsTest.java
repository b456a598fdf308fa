package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractRecordsContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract records' contract against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchContractRecordsTest extends ContractRecordsContractTest {

  @Override
  protected ContractRecords newRecords() {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    return new ElasticsearchContractRecords(server.registryStore());
  }
}
