package io.civicflow.workers.registry;

class InMemoryProviderRegistryTest extends ProviderRegistryContractTest {

  @Override
  protected ProviderRegistry newStore() {
    return new InMemoryProviderRegistry();
  }
}
