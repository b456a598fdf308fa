package io.civicflow.workers.evaluation;

import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * Sends an evaluation report to both sides and records it in the provider register (DOMAIN.md §1:
 * evaluation is two-way, results are the basis for paying; §5: the rating moves with each
 * evaluation; §6 "Acceptance ... publish the result"). Ids are derived from contract, year and
 * kind, so a retried job sends and records once.
 */
public final class EvaluationReporting {

  private final Outbox outbox;
  private final ProviderRegistry registry;

  public EvaluationReporting(Outbox outbox, ProviderRegistry registry) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * @param unitCode the unit whose district office purchased the service: its people ({@code
   *     district-<unitCode>}) get the report, never every district office
   * @param year the contract year evaluated
   * @param kind MIDTERM, ANNUAL or FINAL
   */
  public void publish(
      String contractNo,
      String providerOrgId,
      String unitCode,
      int year,
      String kind,
      BigDecimal totalScore,
      String grade,
      boolean passed,
      ZonedDateTime now) {
    if (unitCode == null || unitCode.isBlank()) {
      throw new IllegalArgumentException(
          "The evaluation of " + contractNo + " names no unitCode: whose district office to tell?");
    }
    String id = "evaluation:" + contractNo + ":Y" + year + ":" + kind;
    String title = contractNo + " 第" + year + "合同年度" + label(kind) + "评估报告";
    String body = "综合得分" + totalScore + "，等级" + grade + (passed ? "（合格）" : "（不合格）");
    // the provider's own people, not every provider; the district office that purchased
    Map<String, String> recipients =
        Map.of(
            "provider",
            RecipientDirectory.organisation(providerOrgId),
            "district-office",
            "district-" + unitCode);
    for (String group : new String[] {"provider", "district-office"}) {
      outbox.post(
          new OutboxMessage(
              id + ":" + group,
              "report.evaluation",
              contractNo,
              recipients.get(group),
              title,
              body,
              now.toInstant()));
    }
    registry.recordEvaluation(
        new EvaluationEntry(
            id, providerOrgId, contractNo, year, kind, totalScore, grade, passed, now.toInstant()));
  }

  static String label(String kind) {
    return switch (kind) {
      case "MIDTERM" -> "中期";
      case "ANNUAL" -> "年度";
      case "FINAL" -> "终期";
      default -> kind;
    };
  }
}
