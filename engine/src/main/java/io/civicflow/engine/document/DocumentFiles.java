package io.civicflow.engine.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** The document store's file I/O: durable writes, size-limited hashed copies, content hashes. */
final class DocumentFiles {

  private static final int BUFFER_SIZE = 64 * 1024;

  private DocumentFiles() {}

  /**
   * Copies {@code bytes} into the new file {@code target}, feeding {@code digest}, and fsyncs it.
   *
   * @return the number of bytes copied
   * @throws DocumentException 413 when there are more than {@code maxFileSize} bytes
   */
  static long copy(
      InputStream bytes, Path target, MessageDigest digest, long maxFileSize, String id)
      throws IOException {
    long size = 0;
    try (FileChannel channel =
        FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      for (int n; (n = bytes.read(buffer)) > 0; ) {
        size += n;
        if (size > maxFileSize) {
          throw DocumentException.tooLarge(
              "Expected document '"
                  + id
                  + "' to be at most "
                  + maxFileSize
                  + " bytes (civicflow.engine.documents.max-file-size), but it is larger");
        }
        digest.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
      }
      channel.force(true);
    }
    return size;
  }

  /** Writes a new file and fsyncs it. */
  static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Deletes the regular files in {@code directory}. */
  static void clear(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The SHA-256 of a file's bytes, lower-case hex. */
  static String sha256Hex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[BUFFER_SIZE];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
