package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.ProviderRegistryContractTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provider registry's contract, rating included, against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchProviderRegistryTest extends ProviderRegistryContractTest {

  @Override
  protected ProviderRegistry newStore() {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    return new ElasticsearchProviderRegistry(server.registryStore());
  }
}
