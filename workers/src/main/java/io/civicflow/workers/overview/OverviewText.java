package io.civicflow.workers.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import io.civicflow.workers.registry.EvaluationEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the overview pages share: labels in Chinese, money and dates, variables, document
 * references.
 */
final class OverviewText {

  static final java.time.ZoneId CHINA = RegistryAnalytics.CHINA;

  static final Map<String, String> EVALUATION_KINDS =
      Map.of("MIDTERM", "中期评估", "MID_TERM", "中期评估", "ANNUAL", "年度评估", "FINAL", "终期评估");

  static final Set<String> DOCUMENT_VARIABLES =
      Set.of(
          "evaluationReportDocument",
          "awardNoticeDocument",
          "contractDraftDocument",
          "acceptanceReportDocument",
          "tenderDocuments",
          "contractSigning");

  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private OverviewText() {}

  static String evaluationLabel(EvaluationEntry e) {
    return "第"
        + e.contractYear()
        + "年度"
        + EVALUATION_KINDS.getOrDefault(e.kind(), e.kind())
        + "："
        + e.grade();
  }

  static String paymentLabel(PaymentRecord p) {
    return "拨付第" + p.contractYear() + "年度第" + p.tranche() + "期 " + yuan(p.amountFen()) + "元";
  }

  /** Fen as yuan with two decimals and thousands separators: 24000000 → 240,000.00. */
  public static String yuan(long fen) {
    return String.format(
        "%,.2f", BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY));
  }

  static String day(Instant at) {
    return at == null ? "" : DAY.format(at.atZone(CHINA));
  }

  static String districtOf(String code, List<ContractEntry> held) {
    if (!held.isEmpty() && !held.get(0).district().isBlank()) {
      return held.get(0).district();
    }
    return KunshanUnits.byCode(code).map(ProcurementUnit::name).orElse(code);
  }

  static String roundName(int year, Map<String, String> variables) {
    return textVariable(variables, "roundName").orElse(year + "年昆山市社区社会工作服务项目采购");
  }

  static List<String> unitsOf(Map<String, String> variables) {
    JsonNode codes = parse(variables.get("unitCodes"));
    List<String> units = new ArrayList<>();
    if (codes != null && codes.isArray()) {
      codes.forEach(c -> units.add(c.asText()));
    }
    return units;
  }

  static Optional<String> textVariable(Map<String, String> variables, String name) {
    JsonNode node = parse(variables.get(name));
    return node == null || node.isNull() || node.asText().isBlank()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  static Integer intVariable(Map<String, String> variables, String name) {
    JsonNode node = parse(variables.get(name));
    return node != null && node.canConvertToInt() ? node.asInt() : null;
  }

  static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static Map<String, Object> reference(DocumentFile file, String purpose) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("fileName", file.fileName());
    metadata.put("contentType", file.contentType());
    metadata.put("purpose", purpose);
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("camunda.document.type", "camunda");
    reference.put("documentId", file.documentId());
    reference.put("storeId", file.storeId());
    reference.put("contentHash", file.contentHash());
    reference.put("metadata", metadata);
    return reference;
  }

  static void addDocument(
      List<Map<String, Object>> documents, Set<String> seen, Map<String, Object> reference) {
    if (seen.add(String.valueOf(reference.get("documentId")))) {
      documents.add(reference);
    }
  }

  @SuppressWarnings("unchecked")
  static void documentsIn(JsonNode node, List<Map<String, Object>> documents, Set<String> seen) {
    if (node == null) {
      return;
    }
    if (node.isObject() && node.hasNonNull("documentId") && node.path("metadata").has("fileName")) {
      addDocument(documents, seen, JSON.convertValue(node, Map.class));
      return;
    }
    if (node.isContainerNode()) {
      node.forEach(child -> documentsIn(child, documents, seen));
    }
  }

  static Map<String, String> linked(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
