package io.civicflow.engine.snapshot;

/**
 * A snapshot cannot be used: damaged, cut short, or of a format version this engine does not read.
 */
public final class SnapshotCorruptedException extends RuntimeException {
  public SnapshotCorruptedException(String snapshot, String reason) {
    super("snapshot " + snapshot + " is unusable: " + reason);
  }

  public SnapshotCorruptedException(String snapshot, String reason, Throwable cause) {
    super("snapshot " + snapshot + " is unusable: " + reason, cause);
  }
}
