package io.civicflow.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal in segment files. Each segment (format version 1): an 8-byte header {@code
 * "CFJ" 0x00} + int version, then records of {@code [int length][int crc32c of payload][payload]}.
 * The first segment is {@code journal.log} (as before segments existed); each later one is named
 * after the position of its first record, {@code journal-00000000000000001234.log}. Appends are
 * group-committed: a whole list is written with one {@code force}. On open, a torn last record of
 * the last segment (a crash in the middle of a write, also when the file system left the rest of
 * the file zero-filled) is cut off; any other damaged record is corruption and stops start-up with
 * the file and byte position. Segments are created and deleted with a directory fsync.
 *
 * <p>Writer and reader share one maximum record size ({@link #maxRecordBytes()}): the writer
 * refuses a larger record before writing anything, and the reader takes every record up to it. A
 * complete record larger than the maximum (written with a larger setting) stops start-up with that
 * reason, never cut as torn.
 */
public final class FileJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  static final int MAGIC = 0x43464A00; // "CFJ\0"
  public static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 8;
  static final int RECORD_HEADER_BYTES = 8;
  static final String FIRST_SEGMENT = "journal.log";
  private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");

  private final Path directory;
  private final int maxRecordBytes;

  /** Segment files by the position of their first record; {@code journal.log} is MIN_VALUE. */
  private final TreeMap<Long, Path> segments = new TreeMap<>();

  private FileChannel channel;
  private boolean currentEmpty;

  public FileJournal(Path directory) {
    this(directory, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param maxRecordBytes the largest record written and read (positive)
   */
  public FileJournal(Path directory, int maxRecordBytes) {
    if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - RECORD_HEADER_BYTES) {
      throw new IllegalArgumentException("impossible maximum record size " + maxRecordBytes);
    }
    this.directory = directory;
    this.maxRecordBytes = maxRecordBytes;
    try {
      Files.createDirectories(directory);
      try (Stream<Path> files = Files.list(directory)) {
        files.forEach(
            file -> {
              String name = file.getFileName().toString();
              Matcher m = SEGMENT.matcher(name);
              if (name.equals(FIRST_SEGMENT)) {
                segments.put(Long.MIN_VALUE, file);
              } else if (m.matches()) {
                segments.put(Long.parseLong(m.group(1)), file);
              }
            });
      }
      if (segments.isEmpty()) {
        segments.put(Long.MIN_VALUE, directory.resolve(FIRST_SEGMENT));
      }
      for (Path segment : segments.values()) {
        if (!Files.exists(segment)) {
          continue;
        }
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.READ)) {
          if (c.size() >= HEADER_BYTES || segment != segments.lastEntry().getValue()) {
            checkHeader(c, segment);
          }
        }
      }
      openCurrent(segments.lastEntry().getValue());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + directory, e);
    }
  }

  /** Opens the last segment for appending; writes its header if a crash left it without one. */
  private void openCurrent(Path file) throws IOException {
    boolean created = !Files.exists(file);
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (channel.size() < HEADER_BYTES) {
      channel.truncate(0);
      ByteBuffer header =
          ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip();
      channel.write(header, 0);
      channel.force(true);
      if (created) {
        DurableFiles.syncDirectory(directory);
      }
    }
    channel.position(channel.size());
    currentEmpty = channel.size() == HEADER_BYTES;
  }

  private static void checkHeader(FileChannel c, Path file) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    c.read(header, 0);
    header.flip();
    if (header.remaining() < HEADER_BYTES || header.getInt() != MAGIC) {
      throw new JournalCorruptedException(file, 0, "not a CivicFlow journal");
    }
    int version = header.getInt();
    if (version != FORMAT_VERSION) {
      throw new JournalCorruptedException(
          file,
          4,
          "format version " + version + " is not supported (expected " + FORMAT_VERSION + ")");
    }
  }

  @Override
  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  /**
   * Writes the records with gathering writes (each payload as it is, no copy into one buffer, so
   * the size of a group is not bounded by an array) and one {@code force}.
   */
  @Override
  public synchronized void append(List<byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    Journal.checkSizes(records, maxRecordBytes);
    ByteBuffer[] buffers = new ByteBuffer[records.size() * 2];
    CRC32C crc = new CRC32C();
    for (int i = 0; i < records.size(); i++) {
      byte[] record = records.get(i);
      crc.reset();
      crc.update(record);
      buffers[2 * i] =
          ByteBuffer.allocate(RECORD_HEADER_BYTES)
              .putInt(record.length)
              .putInt((int) crc.getValue())
              .flip();
      buffers[2 * i + 1] = ByteBuffer.wrap(record);
    }
    try {
      int first = 0;
      while (first < buffers.length) {
        channel.write(buffers, first, buffers.length - first);
        while (first < buffers.length && !buffers[first].hasRemaining()) {
          first++;
        }
      }
      channel.force(false);
      currentEmpty = false;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot append to the journal " + segments.lastEntry().getValue(), e);
    }
  }

  @Override
  public synchronized void replay(long fromPosition, Consumer<byte[]> consumer) {
    Long start = segments.floorKey(fromPosition);
    List<Map.Entry<Long, Path>> toRead =
        new ArrayList<>(
            segments.tailMap(start == null ? segments.firstKey() : start, true).entrySet());
    try {
      for (Map.Entry<Long, Path> segment : toRead) {
        boolean last = segment.getKey().equals(segments.lastKey());
        if (last) {
          replaySegment(channel, segment.getValue(), true, consumer);
        } else {
          try (FileChannel c = FileChannel.open(segment.getValue(), StandardOpenOption.READ)) {
            replaySegment(c, segment.getValue(), false, consumer);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal in " + directory, e);
    }
  }

  private void replaySegment(FileChannel c, Path file, boolean last, Consumer<byte[]> consumer)
      throws IOException {
    long size = c.size();
    long position = HEADER_BYTES;
    ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER_BYTES);
    CRC32C crc = new CRC32C();
    while (position < size) {
      if (size - position < RECORD_HEADER_BYTES) {
        cutTornTail(last, file, position, size, "incomplete record header");
        return;
      }
      recordHeader.clear();
      readFully(c, recordHeader, position);
      recordHeader.flip();
      int length = recordHeader.getInt();
      int checksum = recordHeader.getInt();
      if (length == 0) {
        // never written (every record holds a batch); zeros here are a file system's extension of
        // the file that a crash left without its data
        if (onlyZeros(c, position, size)) {
          cutTornTail(last, file, position, size, "zero-filled tail");
          return;
        }
        throw new JournalCorruptedException(file, position, "empty record");
      }
      long end = position + RECORD_HEADER_BYTES + (long) length;
      if (length < 0) {
        cutTornTail(last, file, position, size, "impossible record length " + length);
        return;
      }
      if (end > size) {
        // the record's end was never written (or its length was torn): never acknowledged
        cutTornTail(last, file, position, size, "record longer than the file");
        return;
      }
      if (length > maxRecordBytes) {
        // complete in the file, so written whole: not a torn write; never cut it
        throw new JournalCorruptedException(
            file,
            position,
            "a record of "
                + length
                + " bytes is larger than the maximum record size of "
                + maxRecordBytes
                + " bytes (civicflow.engine.limits.max-record-size; was it lowered?)");
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(c, payload, position + RECORD_HEADER_BYTES);
      byte[] bytes = payload.array();
      crc.reset();
      crc.update(bytes);
      if ((int) crc.getValue() != checksum) {
        if (end == size || onlyZeros(c, end, size)) {
          cutTornTail(last, file, position, size, "checksum mismatch in the last record");
          return;
        }
        throw new JournalCorruptedException(file, position, "checksum mismatch");
      }
      consumer.accept(bytes);
      position = end;
    }
  }

  /** Fills the buffer from the position on (a single read may return fewer bytes). */
  private static void readFully(FileChannel c, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = c.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of the journal file at byte " + at);
      }
      at += read;
    }
  }

  /** Whether the bytes from {@code from} to the end of the file are all zero. */
  private static boolean onlyZeros(FileChannel c, long from, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long at = from; at < size; ) {
      buffer.clear();
      int read = c.read(buffer, at);
      if (read <= 0) {
        return true;
      }
      for (int i = 0; i < read; i++) {
        if (buffer.get(i) != 0) {
          return false;
        }
      }
      at += read;
    }
    return true;
  }

  /**
   * A damaged end of the last segment is a write a crash interrupted: never acknowledged, so cut. A
   * closed segment was forced before the next one was started, so a damaged end there is
   * corruption.
   */
  private void cutTornTail(boolean last, Path file, long position, long size, String reason)
      throws IOException {
    if (!last) {
      throw new JournalCorruptedException(
          file, position, reason + " at the end of a closed segment");
    }
    LOG.warn(
        "Journal {}: cutting a torn last record at byte {} ({} bytes, {}); it was never acknowledged",
        file,
        position,
        size - position,
        reason);
    channel.truncate(position);
    channel.force(true);
    channel.position(position);
    currentEmpty = position == HEADER_BYTES;
  }

  @Override
  public synchronized void startSegment(long firstPosition) {
    long current = segments.lastKey();
    if (current == firstPosition && currentEmpty) {
      return;
    }
    if (firstPosition <= current) {
      throw new IllegalArgumentException(
          "a segment must start after " + current + ", not at " + firstPosition);
    }
    Path file = directory.resolve(String.format("journal-%020d.log", firstPosition));
    try {
      channel.force(true);
      channel.close();
      segments.put(firstPosition, file);
      openCurrent(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the journal segment " + file, e);
    }
  }

  @Override
  public synchronized int deleteSegmentsBefore(long position) {
    int deleted = 0;
    try {
      while (segments.size() > 1) {
        Map.Entry<Long, Path> first = segments.firstEntry();
        if (segments.higherKey(first.getKey()) > position) {
          break;
        }
        Files.deleteIfExists(first.getValue());
        segments.pollFirstEntry();
        deleted++;
      }
      if (deleted > 0) {
        DurableFiles.syncDirectory(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete compacted journal segments in " + directory, e);
    }
    return deleted;
  }

  /** The segment files, oldest first (for tests and operators). */
  public synchronized List<Path> segments() {
    return List.copyOf(segments.values());
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Closing the journal in {} failed", directory, e);
    }
  }
}
