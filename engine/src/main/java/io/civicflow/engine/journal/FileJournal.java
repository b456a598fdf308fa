package io.civicflow.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal file. Format (version 1): an 8-byte header {@code "CFJ" 0x00} + int version,
 * then records of {@code [int length][int crc32c of payload][payload]}. Appends are group-committed:
 * a whole list is written with one {@code force}. On open, a torn last record (a crash in the middle
 * of a write) is cut off; a damaged record followed by more data is corruption and stops start-up.
 */
public final class FileJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  static final int MAGIC = 0x43464A00; // "CFJ\0"
  public static final int FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 8;
  static final int RECORD_HEADER_BYTES = 8;
  static final int MAX_RECORD_BYTES = 256 * 1024 * 1024;

  private final Path file;
  private FileChannel channel;

  public FileJournal(Path directory) {
    try {
      Files.createDirectories(directory);
      this.file = directory.resolve("journal.log");
      open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + directory, e);
    }
  }

  private void open() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (channel.size() < HEADER_BYTES) {
      channel.truncate(0);
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip();
      channel.write(header, 0);
      channel.force(true);
    } else {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      channel.read(header, 0);
      header.flip();
      if (header.getInt() != MAGIC) {
        throw new JournalCorruptedException(file, 0, "not a CivicFlow journal");
      }
      int version = header.getInt();
      if (version != FORMAT_VERSION) {
        throw new JournalCorruptedException(file, 4, "format version " + version + " is not supported (expected " + FORMAT_VERSION + ")");
      }
    }
    channel.position(channel.size());
  }

  @Override
  public synchronized void append(List<byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    int total = 0;
    for (byte[] record : records) {
      total += RECORD_HEADER_BYTES + record.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    CRC32C crc = new CRC32C();
    for (byte[] record : records) {
      crc.reset();
      crc.update(record);
      buffer.putInt(record.length).putInt((int) crc.getValue()).put(record);
    }
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the journal " + file, e);
    }
  }

  @Override
  public synchronized void replay(Consumer<byte[]> consumer) {
    try {
      long size = channel.size();
      long position = HEADER_BYTES;
      ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER_BYTES);
      CRC32C crc = new CRC32C();
      while (position < size) {
        if (size - position < RECORD_HEADER_BYTES) {
          cutTornTail(position, size, "incomplete record header");
          return;
        }
        recordHeader.clear();
        channel.read(recordHeader, position);
        recordHeader.flip();
        int length = recordHeader.getInt();
        int checksum = recordHeader.getInt();
        long end = position + RECORD_HEADER_BYTES + (long) length;
        if (length < 0 || length > MAX_RECORD_BYTES) {
          if (end >= size || length < 0) {
            cutTornTail(position, size, "impossible record length " + length);
            return;
          }
          throw new JournalCorruptedException(file, position, "impossible record length " + length);
        }
        if (end > size) {
          cutTornTail(position, size, "record longer than the file");
          return;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        channel.read(payload, position + RECORD_HEADER_BYTES);
        byte[] bytes = payload.array();
        crc.reset();
        crc.update(bytes);
        if ((int) crc.getValue() != checksum) {
          if (end == size) {
            cutTornTail(position, size, "checksum mismatch in the last record");
            return;
          }
          throw new JournalCorruptedException(file, position, "checksum mismatch");
        }
        consumer.accept(bytes);
        position = end;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file, e);
    }
  }

  private void cutTornTail(long position, long size, String reason) throws IOException {
    LOG.warn("Journal {}: cutting a torn last record at byte {} ({} bytes, {}); it was never acknowledged",
        file, position, size - position, reason);
    channel.truncate(position);
    channel.force(true);
    channel.position(position);
  }

  @Override
  public synchronized void reset() {
    try {
      channel.truncate(HEADER_BYTES);
      channel.force(true);
      channel.position(HEADER_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Closing the journal {} failed", file, e);
    }
  }
}
