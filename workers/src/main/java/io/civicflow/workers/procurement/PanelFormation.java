package io.civicflow.workers.procurement;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forms the evaluation committee of one project (DOMAIN.md §6 "Open tender clocks": an odd number
 * of at least 5, experts at least two thirds; 政府采购法实施条例 / 87号令 Art 47: at least 7 when the budget
 * is 10 million CNY or more). Purchaser representatives fill the seats the two-thirds rule leaves,
 * as far as there are representatives; experts fill the rest.
 *
 * <p>Experts are drawn at random with cryptographic randomness ({@link SecureRandom}), so nobody
 * can predict the committee from the project number; an expert tied to a bidder under evaluation
 * ({@link ExpertPool#ties}) is recused before the draw (政府采购法实施条例 Art 9). The draw is recorded
 * ({@link Draw}: when, the pool, who was recused and why, who was drawn; no seed) for audit. A pool
 * too small for the rules is refused with an exception (an incident: an official must enlarge the
 * pool), never answered with a smaller committee.
 */
public final class PanelFormation {

  private static final Logger LOG = LoggerFactory.getLogger(PanelFormation.class);

  /** 10,000,000 CNY in fen: from this budget on the committee has at least 7 members. */
  public static final long LARGE_PROJECT_FEN = 1_000_000_000L;

  private final ExpertPool pool;
  private final Random random;

  public PanelFormation(ExpertPool pool) {
    this(pool, new SecureRandom());
  }

  PanelFormation(ExpertPool pool, Random random) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The committee size the rules ask for: 5, or 7 from {@link #LARGE_PROJECT_FEN}. */
  public static int panelSize(long contractValueFen) {
    return contractValueFen >= LARGE_PROJECT_FEN ? 7 : 5;
  }

  /** The fewest experts a committee of {@code size} may have: two thirds, rounded up. */
  public static int minimumExperts(int size) {
    return (2 * size + 2) / 3;
  }

  /** An expert left out of the draw because of ties to bidders. */
  public record Recusal(String expert, List<String> bidderIds) {}

  /**
   * The record of one draw, kept with the process for audit and confidential until the award
   * notice: when, how many experts the pool had, who was recused, who sits on the committee.
   */
  public record Draw(
      String projectNo,
      String drawnAt,
      String method,
      int poolSize,
      List<Recusal> recused,
      List<PanelMember> panel) {}

  /**
   * @param projectNo the project the committee evaluates
   * @param contractValueFen the budget of the project
   * @param bidderIds the bidders under evaluation: experts tied to one are recused
   * @param drawnAt when the draw happens (the process clock), for the record
   * @throws IllegalStateException if the pool has too few experts once the recused are left out
   */
  public Draw draw(
      String projectNo, long contractValueFen, Collection<String> bidderIds, String drawnAt) {
    Objects.requireNonNull(projectNo, "projectNo");
    Set<String> bidders = bidderIds == null ? Set.of() : Set.copyOf(bidderIds);
    int size = panelSize(contractValueFen);
    List<String> representatives =
        pool.purchaserRepresentatives().stream()
            .distinct()
            .limit(size - minimumExperts(size))
            .toList();
    List<String> candidates = new ArrayList<>(new TreeSet<>(pool.experts()));
    candidates.removeAll(representatives);
    int poolSize = candidates.size();
    List<Recusal> recused = new ArrayList<>();
    for (String expert : List.copyOf(candidates)) {
      List<String> tied = pool.tiesTo(expert, bidders);
      if (!tied.isEmpty()) {
        recused.add(new Recusal(expert, tied));
        candidates.remove(expert);
      }
    }
    int expertSeats = size - representatives.size();
    if (candidates.size() < expertSeats) {
      throw new IllegalStateException(
          "The expert pool has "
              + candidates.size()
              + " experts without ties to the bidders ("
              + recused.size()
              + " recused); a committee of "
              + size
              + " for "
              + projectNo
              + " needs "
              + expertSeats
              + ". Add experts to civicflow.procurement.expert-pool.experts");
    }
    Collections.shuffle(candidates, random);
    List<PanelMember> panel = new ArrayList<>(size);
    candidates.subList(0, expertSeats).stream()
        .sorted()
        .forEach(userId -> panel.add(new PanelMember(userId, PanelMember.Kind.EXPERT)));
    representatives.forEach(
        userId -> panel.add(new PanelMember(userId, PanelMember.Kind.PURCHASER)));
    LOG.info(
        "Committee of {} drawn for {} from {} experts, {} recused",
        size,
        projectNo,
        poolSize,
        recused.size());
    return new Draw(
        projectNo, drawnAt, "SecureRandom", poolSize, List.copyOf(recused), List.copyOf(panel));
  }
}
