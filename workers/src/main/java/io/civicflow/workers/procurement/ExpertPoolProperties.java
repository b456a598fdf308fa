package io.civicflow.workers.procurement;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code civicflow.procurement.expert-pool}: the user ids an evaluation committee is drawn from.
 *
 * @param experts the experts of the 公益服务类 pool
 * @param purchaserRepresentatives the purchaser's representatives (civil affairs bureau)
 * @param ties per expert, the bidder ids the expert must be recused from ({@link ExpertPool#ties})
 */
@ConfigurationProperties("civicflow.procurement.expert-pool")
public record ExpertPoolProperties(
    List<String> experts, List<String> purchaserRepresentatives, Map<String, List<String>> ties) {

  public ExpertPool toPool() {
    return new ExpertPool(experts, purchaserRepresentatives, ties);
  }
}
