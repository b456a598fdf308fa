package io.civicflow.workers.procurement;

import java.util.List;

/**
 * Who may sit on an evaluation committee: the experts of the pool (评审专家, "公益服务类") and the
 * purchaser's representatives, as user ids of the task list.
 */
public record ExpertPool(List<String> experts, List<String> purchaserRepresentatives) {

  public ExpertPool {
    experts = experts == null ? List.of() : List.copyOf(experts);
    purchaserRepresentatives =
        purchaserRepresentatives == null ? List.of() : List.copyOf(purchaserRepresentatives);
  }
}
