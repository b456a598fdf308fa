package io.civicflow.engine.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The one place that makes a directory entry (a created, renamed or deleted file) durable. */
public final class DurableFiles {

  private DurableFiles() {}

  /**
   * fsyncs a directory, so a file created, renamed or deleted in it survives a power loss. Where
   * the platform cannot open a directory (Windows) this is a no-op: NTFS journals its metadata
   * itself.
   */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
  }
}
