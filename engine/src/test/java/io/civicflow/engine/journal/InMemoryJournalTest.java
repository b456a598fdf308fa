package io.civicflow.engine.journal;

class InMemoryJournalTest extends JournalContractTest {
  private final InMemoryJournal journal = new InMemoryJournal();

  @Override
  protected Journal open() {
    return journal;
  }
}
