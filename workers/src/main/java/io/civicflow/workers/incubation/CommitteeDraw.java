package io.civicflow.workers.incubation;

import io.civicflow.workers.keys.Hashes;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Draws the incubation review committee (考察审核) from the panel pool: an odd number of members so
 * that a majority always exists (the incubation-admission decision admits on a majority). The draw
 * orders the pool by a hash of the organisation and the member, so it differs between applicants
 * and is the same for a retried job.
 */
public final class CommitteeDraw {

  private final List<String> pool;
  private final int size;

  /**
   * @throws IllegalArgumentException if {@code size} is even, not positive, or larger than the pool
   */
  public CommitteeDraw(List<String> pool, int size) {
    this.pool = List.copyOf(Objects.requireNonNull(pool, "pool"));
    if (size <= 0 || size % 2 == 0) {
      throw new IllegalArgumentException(
          "civicflow.incubation.committee-size must be odd and positive, was " + size);
    }
    if (size > this.pool.size()) {
      throw new IllegalArgumentException(
          "civicflow.incubation.committee-size "
              + size
              + " is larger than the panel pool "
              + this.pool);
    }
    if (this.pool.stream().distinct().count() != this.pool.size()) {
      throw new IllegalArgumentException("civicflow.incubation.panel-pool lists someone twice");
    }
    this.size = size;
  }

  /** The committee for {@code orgId}: {@code size} user ids of the pool. */
  public List<String> draw(String orgId) {
    Objects.requireNonNull(orgId, "orgId");
    return pool.stream()
        .sorted(Comparator.comparing((String member) -> Hashes.sha256Hex(orgId + "/" + member, 16)))
        .limit(size)
        .toList();
  }
}
