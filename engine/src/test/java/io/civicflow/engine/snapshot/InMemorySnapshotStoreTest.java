package io.civicflow.engine.snapshot;

class InMemorySnapshotStoreTest extends SnapshotStoreContractTest {
  private final InMemorySnapshotStore store = new InMemorySnapshotStore();

  @Override
  protected SnapshotStore open() {
    return store;
  }
}
