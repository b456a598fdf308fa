package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writer and reader share one maximum record size (scaled down here to 1 MiB so the test is fast;
 * the code path is the same as for the default 256 MiB): a record of exactly the maximum is written
 * and read back after reopening; a larger one is refused before anything of its group is written;
 * and a complete record larger than the maximum (written with a larger setting) stops start-up
 * instead of being cut as a torn write.
 */
class FileJournalRecordSizeTest {

  private static final int MAX = 1024 * 1024;

  @TempDir Path directory;

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static List<byte[]> replay(Journal journal) {
    List<byte[]> records = new ArrayList<>();
    journal.replay(records::add);
    return records;
  }

  @Test
  void aRecordOfTheMaximumSizeIsWrittenAndReadBack() {
    byte[] largest = random(MAX, 1);
    byte[] small = random(10, 2);
    try (Journal journal = new FileJournal(directory, MAX)) {
      assertThat(journal.maxRecordBytes()).isEqualTo(MAX);
      journal.append(List.of(small, largest, small));
    }
    try (Journal journal = new FileJournal(directory, MAX)) {
      List<byte[]> records = replay(journal);
      assertThat(records).hasSize(3);
      assertThat(Arrays.equals(records.get(1), largest)).isTrue();
      assertThat(Arrays.equals(records.get(2), small)).isTrue();
    }
  }

  @Test
  void aGroupLargerThanAnArrayIsWrittenWithoutCopyingItIntoOne() {
    // 12 records of the maximum: the writer gathers them instead of adding up one buffer
    List<byte[]> group = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      group.add(random(MAX, i));
    }
    try (Journal journal = new FileJournal(directory, MAX)) {
      journal.append(group);
    }
    try (Journal journal = new FileJournal(directory, MAX)) {
      List<byte[]> records = replay(journal);
      assertThat(records).hasSize(12);
      for (int i = 0; i < 12; i++) {
        assertThat(Arrays.equals(records.get(i), group.get(i))).as("record %d", i).isTrue();
      }
    }
  }

  @Test
  void aRecordOverTheMaximumIsRefusedAndNothingOfItsGroupIsWritten() throws IOException {
    try (Journal journal = new FileJournal(directory, MAX)) {
      journal.append(List.of(random(10, 1)));
      long size = Files.size(directory.resolve("journal.log"));

      assertThatThrownBy(() -> journal.append(List.of(random(10, 2), random(MAX + 1, 3))))
          .isInstanceOf(RecordTooLargeException.class)
          .hasMessageContaining(String.valueOf(MAX + 1))
          .hasMessageContaining("civicflow.engine.limits.max-record-size");

      assertThat(Files.size(directory.resolve("journal.log"))).isEqualTo(size);
      assertThat(replay(journal)).hasSize(1);
    }
  }

  @Test
  void aCompleteRecordOverTheMaximumStopsStartUpInsteadOfBeingCut() throws IOException {
    try (Journal journal = new FileJournal(directory, 2 * MAX)) {
      journal.append(List.of(random(10, 1), random(MAX + 1, 2)));
    }
    long size = Files.size(directory.resolve("journal.log"));

    Journal lowered = new FileJournal(directory, MAX);
    assertThatThrownBy(() -> replay(lowered))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("larger than the maximum record size")
        .hasMessageContaining("max-record-size");
    lowered.close();
    assertThat(Files.size(directory.resolve("journal.log"))).as("nothing cut").isEqualTo(size);
  }

  @Test
  void theInMemoryJournalHasTheSameLimit() {
    Journal journal = new InMemoryJournal(MAX);
    journal.append(List.of(random(MAX, 1)));
    assertThatThrownBy(() -> journal.append(List.of(random(MAX + 1, 2))))
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(replay(journal)).hasSize(1);
  }
}
