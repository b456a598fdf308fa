package io.civicflow.engine.journal;

import java.nio.file.Path;

/**
 * A record in the middle of the journal is damaged: start-up stops rather than lose data silently.
 */
public final class JournalCorruptedException extends RuntimeException {
  public JournalCorruptedException(Path file, long position, String reason) {
    super(
        "journal "
            + file
            + " is corrupted at byte "
            + position
            + ": "
            + reason
            + ". Nothing was changed; restore the file from a backup or move it away to start empty.");
  }
}
