package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest extends JournalContractTest {

  @TempDir Path directory;

  @Override
  protected Journal open() {
    return new FileJournal(directory);
  }

  @Test
  void shouldKeepRecordsAcrossReopening() {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("kept")));
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("kept");
    }
  }

  @Test
  void shouldCutATornLastRecordAndKeepAppendingAfterIt() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("first"), bytes("second")));
    }
    Path file = directory.resolve("journal.log");
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size - 3); // a crash in the middle of writing "second"
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("first");
      journal.append(List.of(bytes("third")));
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("first", "third");
    }
  }

  /**
   * Issue 19: a crash can leave the end of the file zero-filled (the file system extended it, the
   * data never reached the disk). A zero-length record with checksum 0 passed the check and stopped
   * start-up ("a journal record cannot be decoded"); it is a torn tail.
   */
  @Test
  void shouldCutAZeroFilledTail() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("first"), bytes("second")));
    }
    Path file = directory.resolve("journal.log");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() + 4096);
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("first", "second");
      journal.append(List.of(bytes("third")));
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("first", "second", "third");
    }
  }

  @Test
  void shouldCutALastRecordWhoseDataAndWhatFollowsIsZeros() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("first"), bytes("second")));
    }
    Path file = directory.resolve("journal.log");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long size = raf.length();
      raf.seek(size - 3);
      raf.write(new byte[3]); // the end of "second" never reached the disk
      raf.setLength(size + 1000); // and the file was extended past it
    }
    try (Journal journal = open()) {
      assertThat(replayAll(journal)).containsExactly("first");
    }
  }

  @Test
  void shouldRefuseAnEmptyRecordFollowedByData() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("first")));
    }
    Path file = directory.resolve("journal.log");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length());
      raf.write(new byte[FileJournal.RECORD_HEADER_BYTES]);
      raf.write("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Journal journal = open();
    assertThatThrownBy(() -> replayAll(journal))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("empty record");
    journal.close();
  }

  @Test
  void shouldRefuseToStartOnCorruptionBeforeTheEnd() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("first"), bytes("second")));
    }
    Path file = directory.resolve("journal.log");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(FileJournal.HEADER_BYTES + FileJournal.RECORD_HEADER_BYTES + 1);
      raf.write('X'); // flip a byte inside "first"
    }
    Journal journal = open();
    assertThatThrownBy(() -> replayAll(journal))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("journal.log")
        .hasMessageContaining("byte 8")
        .hasMessageContaining("checksum mismatch");
    journal.close();
  }

  @Test
  void shouldRefuseAFileOfAnotherFormatVersion() throws IOException {
    Files.write(directory.resolve("journal.log"), new byte[] {0x43, 0x46, 0x4A, 0x00, 0, 0, 0, 9});
    assertThatThrownBy(this::open)
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("format version 9");
  }

  @Test
  void shouldKeepSegmentsAcrossReopeningAndAppendToTheLast() {
    try (Journal journal = open()) {
      appendThreeSegments(journal);
    }
    try (Journal journal = open()) {
      assertThat(replayFrom(journal, 3)).containsExactly("c", "d", "e");
      journal.append(List.of(bytes("f")));
    }
    try (FileJournal journal = new FileJournal(directory)) {
      assertThat(replayAll(journal)).containsExactly("a", "b", "c", "d", "e", "f");
      assertThat(journal.segments())
          .extracting(p -> p.getFileName().toString())
          .containsExactly(
              "journal.log",
              "journal-00000000000000000003.log",
              "journal-00000000000000000005.log");
    }
  }

  @Test
  void shouldRefuseToStartOnADamagedEndOfAClosedSegment() throws IOException {
    try (Journal journal = open()) {
      appendThreeSegments(journal);
    }
    Path closed = directory.resolve("journal-00000000000000000003.log");
    try (RandomAccessFile raf = new RandomAccessFile(closed.toFile(), "rw")) {
      raf.setLength(Files.size(closed) - 1);
    }
    Journal journal = open();
    assertThatThrownBy(() -> replayAll(journal))
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining("journal-00000000000000000003.log")
        .hasMessageContaining("closed segment");
    journal.close();
  }

  @Test
  void shouldWriteTheHeaderOfASegmentACrashLeftEmpty() throws IOException {
    try (Journal journal = open()) {
      journal.append(List.of(bytes("a")));
    }
    Files.createFile(
        directory.resolve("journal-00000000000000000002.log")); // crash right after creating it
    try (Journal journal = open()) {
      journal.append(List.of(bytes("b")));
      assertThat(replayAll(journal)).containsExactly("a", "b");
    }
  }
}
