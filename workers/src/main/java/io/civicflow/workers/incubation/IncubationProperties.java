package io.civicflow.workers.incubation;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code civicflow.incubation}: who sits on incubation review committees.
 *
 * @param panelPool user ids of the incubation-panel members (default panel1 … panel5)
 * @param committeeSize members per committee, odd (default 3)
 */
@ConfigurationProperties("civicflow.incubation")
public record IncubationProperties(List<String> panelPool, Integer committeeSize) {

  public CommitteeDraw toCommitteeDraw() {
    return new CommitteeDraw(
        panelPool == null || panelPool.isEmpty()
            ? List.of("panel1", "panel2", "panel3", "panel4", "panel5")
            : panelPool,
        committeeSize == null ? 3 : committeeSize);
  }
}
