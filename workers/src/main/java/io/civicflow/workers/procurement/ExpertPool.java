package io.civicflow.workers.procurement;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may sit on an evaluation committee: the experts of the pool (评审专家, "公益服务类") and the
 * purchaser's representatives, as user ids of the task list.
 *
 * @param ties for an expert, the organisations (bidder ids) the expert is tied to — employed by, on
 *     the board of, or paid by within the last three years, or a close relative working there
 *     (政府采购法实施条例 Art 9); an expert tied to a bidder is recused from that project's draw
 */
public record ExpertPool(
    List<String> experts, List<String> purchaserRepresentatives, Map<String, List<String>> ties) {

  public ExpertPool {
    experts = experts == null ? List.of() : List.copyOf(experts);
    purchaserRepresentatives =
        purchaserRepresentatives == null ? List.of() : List.copyOf(purchaserRepresentatives);
    ties = ties == null ? Map.of() : Map.copyOf(ties);
  }

  public ExpertPool(List<String> experts, List<String> purchaserRepresentatives) {
    this(experts, purchaserRepresentatives, Map.of());
  }

  /** The bidders among {@code bidderIds} that {@code expert} is tied to. */
  public List<String> tiesTo(String expert, Set<String> bidderIds) {
    return ties.getOrDefault(expert, List.of()).stream().filter(bidderIds::contains).toList();
  }
}
