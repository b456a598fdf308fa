package io.civicflow.workers.procurement;

import java.math.BigDecimal;
import java.util.List;

/**
 * One committee member's independent scores (评审专家独立评分): the technical (non-price) score of every
 * qualified bid, 0–100.
 */
public record ScoreSheet(String member, List<Score> scores) {

  public ScoreSheet {
    scores = scores == null ? List.of() : List.copyOf(scores);
  }

  /** The technical score one member gives one bid. */
  public record Score(String bidderId, BigDecimal technicalScore) {}
}
