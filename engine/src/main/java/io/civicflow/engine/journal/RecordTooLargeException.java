package io.civicflow.engine.journal;

/** A record larger than the journal's maximum record size: refused, nothing written. */
public final class RecordTooLargeException extends IllegalArgumentException {

  private final long size;
  private final int maxRecordBytes;

  public RecordTooLargeException(long size, int maxRecordBytes) {
    super(
        "a journal record of "
            + size
            + " bytes is larger than the maximum record size of "
            + maxRecordBytes
            + " bytes (civicflow.engine.limits.max-record-size)");
    this.size = size;
    this.maxRecordBytes = maxRecordBytes;
  }

  public long size() {
    return size;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }
}
