package io.civicflow.workers.registry;

class InMemoryRecordsTest extends RecordsContractTest {

  @Override
  protected IncubationRecords newIncubations() {
    return InMemoryRecords.incubations();
  }

  @Override
  protected CaseRecords newCases() {
    return InMemoryRecords.cases();
  }

  @Override
  protected ServiceRequestRecords newServiceRequests() {
    return InMemoryRecords.serviceRequests();
  }
}
