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

  /** Records a..e at positions 1..5, in segments [1,2] [3,4] [5]. */
  protected static void appendThreeSegments(Journal journal) {
    journal.append(List.of(bytes("a"), bytes("b")));
    journal.startSegment(3);
    journal.append(List.of(bytes("c"), bytes("d")));
    journal.startSegment(5);
    journal.append(List.of(bytes("e")));
  }

  protected static List<String> replayFrom(Journal journal, long position) {
    List<String> records = new ArrayList<>();
    journal.replay(position, b -> records.add(new String(b, StandardCharsets.UTF_8)));
    return records;
  }

  @Test
  void shouldReplayFromTheSegmentHoldingAPosition() {
    Journal journal = open();
    appendThreeSegments(journal);
    assertThat(replayAll(journal)).containsExactly("a", "b", "c", "d", "e");
    assertThat(replayFrom(journal, 3)).containsExactly("c", "d", "e");
    assertThat(replayFrom(journal, 4))
        .as("the caller skips what it has")
        .containsExactly("c", "d", "e");
    assertThat(replayFrom(journal, 5)).containsExactly("e");
    journal.close();
  }

  @Test
  void shouldDeleteOnlySegmentsWhoseRecordsAllPrecedeAPosition() {
    Journal journal = open();
    appendThreeSegments(journal);
    assertThat(journal.deleteSegmentsBefore(2)).isZero();
    assertThat(journal.deleteSegmentsBefore(4)).isEqualTo(1);
    assertThat(replayAll(journal)).containsExactly("c", "d", "e");
    assertThat(journal.deleteSegmentsBefore(Long.MAX_VALUE))
        .as("never the current segment")
        .isEqualTo(1);
    journal.append(List.of(bytes("f")));
    assertThat(replayAll(journal)).containsExactly("e", "f");
    journal.close();
  }

  @Test
  void shouldStartAnEmptySegmentOnlyOnce() {
    Journal journal = open();
    journal.append(List.of(bytes("a")));
    journal.startSegment(2);
    journal.startSegment(2);
    journal.append(List.of(bytes("b")));
    assertThat(journal.deleteSegmentsBefore(2)).isEqualTo(1);
    assertThat(replayAll(journal)).containsExactly("b");
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
