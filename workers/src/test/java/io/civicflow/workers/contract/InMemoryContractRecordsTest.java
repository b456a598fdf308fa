package io.civicflow.workers.contract;

class InMemoryContractRecordsTest extends ContractRecordsContractTest {

  @Override
  protected ContractRecords newRecords() {
    return new InMemoryContractRecords();
  }
}
