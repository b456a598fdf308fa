package io.civicflow.workers.procurement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms the evaluation committee of one project (DOMAIN.md §6 "Open tender clocks": an odd number
 * of at least 5, experts at least two thirds; 政府采购法实施条例 / 87号令 Art 47: at least 7 when the budget
 * is 10 million CNY or more). Purchaser representatives fill the seats the two-thirds rule leaves,
 * as far as there are representatives; experts fill the rest.
 *
 * <p>Experts are drawn at random but deterministically, seeded by the project number, so a retried
 * job forms the same committee. A pool too small for the rules is refused with an exception (an
 * incident: an official must enlarge the pool), never answered with a smaller committee.
 */
public final class PanelFormation {

  private static final Logger LOG = LoggerFactory.getLogger(PanelFormation.class);

  /** 10,000,000 CNY in fen: from this budget on the committee has at least 7 members. */
  public static final long LARGE_PROJECT_FEN = 1_000_000_000L;

  private final ExpertPool pool;

  public PanelFormation(ExpertPool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  /** The committee size the rules ask for: 5, or 7 from {@link #LARGE_PROJECT_FEN}. */
  public static int panelSize(long contractValueFen) {
    return contractValueFen >= LARGE_PROJECT_FEN ? 7 : 5;
  }

  /** The fewest experts a committee of {@code size} may have: two thirds, rounded up. */
  public static int minimumExperts(int size) {
    return (2 * size + 2) / 3;
  }

  /**
   * @param projectNo seeds the draw
   * @param contractValueFen the budget of the project
   * @throws IllegalStateException if the pool has too few experts
   */
  public List<PanelMember> form(String projectNo, long contractValueFen) {
    Objects.requireNonNull(projectNo, "projectNo");
    int size = panelSize(contractValueFen);
    List<String> representatives =
        pool.purchaserRepresentatives().stream()
            .distinct()
            .limit(size - minimumExperts(size))
            .toList();
    List<String> candidates = new ArrayList<>(new TreeSet<>(pool.experts()));
    candidates.removeAll(representatives);
    int expertSeats = size - representatives.size();
    if (candidates.size() < expertSeats) {
      throw new IllegalStateException(
          "The expert pool has "
              + candidates.size()
              + " experts; a committee of "
              + size
              + " for "
              + projectNo
              + " needs "
              + expertSeats
              + ". Add experts to civicflow.procurement.expert-pool.experts");
    }
    Collections.shuffle(candidates, new Random(projectNo.hashCode()));
    List<PanelMember> panel = new ArrayList<>(size);
    candidates.subList(0, expertSeats).stream()
        .sorted()
        .forEach(userId -> panel.add(new PanelMember(userId, PanelMember.Kind.EXPERT)));
    representatives.forEach(
        userId -> panel.add(new PanelMember(userId, PanelMember.Kind.PURCHASER)));
    LOG.info("Committee of {} for {}: {}", size, projectNo, panel);
    return List.copyOf(panel);
  }
}
