package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every journal must do; run against each implementation by a subclass. */
abstract class JournalContractTest {

  /** A journal over the same storage each time it is called (a "restart" for durable ones). */
  protected abstract Journal open();

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static List<String> replayAll(Journal journal) {
    List<String> records = new ArrayList<>();
    journal.replay(b -> records.add(new String(b, StandardCharsets.UTF_8)));
    return records;
  }

  @Test
  void shouldReplayRecordsInAppendOrder() {
    Journal journal = open();
    journal.append(List.of(bytes("a"), bytes("b")));
    journal.append(List.of(bytes("c")));
    assertThat(replayAll(journal)).containsExactly("a", "b", "c");
    journal.close();
  }

  @Test
  void shouldForgetEverythingOnReset() {
    Journal journal = open();
    journal.append(List.of(bytes("a")));
    journal.reset();
    journal.append(List.of(bytes("after")));
    assertThat(replayAll(journal)).containsExactly("after");
    journal.close();
  }

  @Test
  void shouldAcceptAnEmptyAppend() {
    Journal journal = open();
    journal.append(List.of());
    assertThat(replayAll(journal)).isEmpty();
    journal.close();
  }
}
