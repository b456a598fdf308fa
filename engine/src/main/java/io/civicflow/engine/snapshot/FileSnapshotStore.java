package io.civicflow.engine.snapshot;

import io.civicflow.engine.journal.DurableFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files in a directory, one per journal position: {@code
 * snapshot-00000000000000001234.cfs}. Format version {@value #FORMAT_VERSION}: a 28-byte header —
 * {@code "CFS" 0x00}, int format version, long position, long payload length, int crc32c of the
 * payload — then the payload (the engine's JSON, see {@code SnapshotCodec}).
 *
 * <p>Written atomically: into {@code .tmp}, forced, renamed over, then the directory is forced. A
 * crash leaves either the whole snapshot or a {@code .tmp} file, which the next start deletes.
 * Unusable snapshots are renamed to {@code .corrupt} and kept for inspection.
 */
public final class FileSnapshotStore implements SnapshotStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);
  static final int MAGIC = 0x43465300; // "CFS\0"
  public static final int FORMAT_VERSION = 6;

  /**
   * Format 4 has the same payload but its read model still holds history; it is read, and the
   * engine moves that history to the history store when it loads it. Format 5 lacks the history
   * store's position ({@code historyPosition}); it is read too.
   */
  static final int OLDEST_READABLE_VERSION = 4;

  static final int HEADER_BYTES = 28;
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.cfs");

  private final Path directory;

  public FileSnapshotStore(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
      try (Stream<Path> files = Files.list(directory)) {
        for (Path tmp : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
          LOG.info("Deleting {}: a snapshot a crash interrupted before it was complete", tmp);
          Files.delete(tmp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the snapshot directory " + directory, e);
    }
  }

  Path file(long position) {
    return directory.resolve(String.format("snapshot-%020d.cfs", position));
  }

  @Override
  public long write(long position, PayloadWriter payload) {
    Path target = file(position);
    Path tmp = directory.resolve(target.getFileName() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.allocate(HEADER_BYTES), 0);
        channel.position(HEADER_BYTES);
        ChecksummingStream out =
            new ChecksummingStream(
                new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20));
        payload.writeTo(out);
        out.flush();
        ByteBuffer header =
            ByteBuffer.allocate(HEADER_BYTES)
                .putInt(MAGIC)
                .putInt(FORMAT_VERSION)
                .putLong(position)
                .putLong(out.count)
                .putInt((int) out.crc.getValue())
                .flip();
        channel.write(header, 0);
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      DurableFiles.syncDirectory(directory);
      return Files.size(target) - HEADER_BYTES;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the next start deletes it
      }
      throw new UncheckedIOException("cannot write the snapshot " + target, e);
    }
  }

  @Override
  public List<Long> positions() {
    try (Stream<Path> files = Files.list(directory)) {
      List<Long> positions = new ArrayList<>();
      files.forEach(
          f -> {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (m.matches()) {
              positions.add(Long.parseLong(m.group(1)));
            }
          });
      positions.sort(Comparator.reverseOrder());
      return positions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the snapshots in " + directory, e);
    }
  }

  /**
   * Streams the payload through the reader and a checksum at once, never holding it whole (a
   * snapshot may be larger than any array); what the reader made of it is returned only if the
   * length and the checksum match once it has been read to its end.
   */
  @Override
  public <T> T read(long position, PayloadReader<T> reader) {
    Path file = file(position);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      ByteBuffer header = ByteBuffer.wrap(in.readNBytes(HEADER_BYTES));
      if (header.remaining() < HEADER_BYTES) {
        throw new SnapshotCorruptedException(
            file.toString(), "shorter than its header (" + header.remaining() + " bytes)");
      }
      if (header.getInt() != MAGIC) {
        throw new SnapshotCorruptedException(file.toString(), "not a CivicFlow snapshot");
      }
      int version = header.getInt();
      if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
        throw new SnapshotCorruptedException(
            file.toString(),
            "format version " + version + " is not supported (expected " + FORMAT_VERSION + ")");
      }
      long headerPosition = header.getLong();
      if (headerPosition != position) {
        throw new SnapshotCorruptedException(
            file.toString(), "its header says position " + headerPosition);
      }
      long length = header.getLong();
      long actual = Files.size(file) - HEADER_BYTES;
      if (length != actual) {
        throw new SnapshotCorruptedException(
            file.toString(), "payload is " + actual + " bytes, the header says " + length);
      }
      int checksum = header.getInt();
      ChecksummingInput payload = new ChecksummingInput(in, length);
      T result;
      Exception unreadable = null;
      try {
        result = reader.readFrom(payload);
      } catch (IOException | RuntimeException e) {
        result = null;
        unreadable = e;
      }
      payload.skipToEnd();
      if (payload.count != length || (int) payload.crc.getValue() != checksum) {
        throw new SnapshotCorruptedException(file.toString(), "checksum mismatch");
      }
      if (unreadable != null) {
        throw new SnapshotCorruptedException(
            file.toString(), "cannot be decoded (" + unreadable + ")", unreadable);
      }
      return result;
    } catch (IOException e) {
      throw new SnapshotCorruptedException(file.toString(), "cannot be read (" + e + ")", e);
    }
  }

  @Override
  public void quarantine(long position) {
    Path file = file(position);
    try {
      Files.move(
          file,
          directory.resolve(file.getFileName() + ".corrupt"),
          StandardCopyOption.REPLACE_EXISTING);
      DurableFiles.syncDirectory(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the unusable snapshot " + file + " aside", e);
    }
  }

  @Override
  public void retainNewest(int count) {
    List<Long> positions = positions();
    try {
      for (Long position : positions.subList(Math.min(count, positions.size()), positions.size())) {
        Files.deleteIfExists(file(position));
      }
      if (positions.size() > count) {
        DurableFiles.syncDirectory(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete old snapshots in " + directory, e);
    }
  }

  @Override
  public void deleteAll() {
    retainNewest(0);
  }

  @Override
  public void close() {}

  /**
   * The payload as the reader sees it: at most {@code length} bytes, counted and checksummed as
   * they pass; closing it does not close the file (the store reads it to its end first).
   */
  private static final class ChecksummingInput extends FilterInputStream {
    final CRC32C crc = new CRC32C();
    private final long length;
    long count;

    ChecksummingInput(InputStream in, long length) {
      super(in);
      this.length = length;
    }

    @Override
    public int read() throws IOException {
      if (count >= length) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        crc.update(b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (count >= length) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, length - count));
      if (n > 0) {
        crc.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 8192)];
      int read = read(buffer, 0, (int) Math.min(n, buffer.length));
      return Math.max(read, 0);
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), length - count);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // the store closes the file
    }

    void skipToEnd() throws IOException {
      byte[] buffer = new byte[1 << 16];
      while (read(buffer, 0, buffer.length) >= 0) {
        // counted and checksummed
      }
    }
  }

  /** Counts and checksums what passes through; closing it only flushes (the channel stays open). */
  private static final class ChecksummingStream extends FilterOutputStream {
    final CRC32C crc = new CRC32C();
    long count;

    ChecksummingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      crc.update(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      crc.update(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
