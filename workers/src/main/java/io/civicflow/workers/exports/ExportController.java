package io.civicflow.workers.exports;

import io.civicflow.engine.web.error.Problem;
import io.civicflow.workers.documents.Paper;
import io.civicflow.workers.exports.ExportsConfiguration.SummaryPrinter;
import io.civicflow.workers.overview.OverviewController;
import io.civicflow.workers.overview.OverviewController.Forbidden;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.RoundOverview;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchAccessException;
import io.civicflow.workers.web.ApiAccess;
import io.civicflow.workers.web.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads: the analyst tables as {@code .xlsx} ({@code /api/analytics/exports/<table>.xlsx},
 * behind the analytics' access rule), the audit trails as {@code .xlsx}, and the round and contract
 * summaries as PDF — each under the same access rule as its page.
 */
@RestController
public class ExportController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final ObjectProvider<AnalystTables> tables;
  private final ObjectProvider<RoundOverview> overview;
  private final SummaryPrinter printer;
  private final InstantSource engineTime;

  public ExportController(
      ObjectProvider<AnalystTables> tables,
      ObjectProvider<RoundOverview> overview,
      SummaryPrinter printer,
      InstantSource engineTime) {
    this.tables = tables;
    this.overview = overview;
    this.printer = printer;
    this.engineTime = engineTime;
  }

  /** The tables one can download, id → Chinese name. */
  @GetMapping(path = "/api/analytics/exports", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, String> exports() {
    return AnalystTables.TABLES;
  }

  @GetMapping("/api/analytics/exports/{table}.xlsx")
  public ResponseEntity<byte[]> table(
      @PathVariable String table,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String district) {
    AnalystTables available = tables.getIfAvailable();
    if (available == null) {
      throw new ElasticsearchAccessException(
          "The exports need the registry on Elasticsearch", null);
    }
    Spreadsheet.Table sheet = available.table(table, year, district, engineTime.instant());
    String name = sheet.name() + (year == null ? "" : "（" + year + "年）") + ".xlsx";
    return download(Spreadsheet.write(List.of(sheet)), XLSX, name);
  }

  @GetMapping("/api/contracts/{contractNo}/audit.xlsx")
  public ResponseEntity<byte[]> contractAudit(
      @PathVariable String contractNo, HttpServletRequest request) {
    RoundOverview pages = OverviewController.available(overview);
    return download(
        Spreadsheet.write(
            List.of(
                AnalystTables.auditTrail(
                    OverviewController.readableContractTrail(pages, contractNo, request)))),
        XLSX,
        "审计记录-" + contractNo + ".xlsx");
  }

  @GetMapping("/api/process-instances/{key}/audit.xlsx")
  public ResponseEntity<byte[]> instanceAudit(@PathVariable long key, HttpServletRequest request) {
    OverviewController.requireRoundReader(request);
    RoundOverview pages = OverviewController.available(overview);
    return download(
        Spreadsheet.write(List.of(AnalystTables.auditTrail(pages.instanceTrail(key)))),
        XLSX,
        "审计记录-流程实例" + key + ".xlsx");
  }

  @GetMapping("/api/rounds/{year}/summary.pdf")
  public ResponseEntity<byte[]> roundSummary(@PathVariable int year, HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayReadSomeUnit()) {
      throw new Forbidden(access.username() + " 无权查看采购轮次");
    }
    RoundOverview pages = OverviewController.available(overview);
    Paper paper =
        Summaries.round(
            pages.round(year, row -> access.mayReadUnit(row.unitCode(), row.providerOrgId())));
    return download(
        printer.writer().write(paper), MediaType.APPLICATION_PDF, year + "年采购轮次进度汇总.pdf");
  }

  @GetMapping("/api/contracts/{contractNo}/summary.pdf")
  public ResponseEntity<byte[]> contractSummary(
      @PathVariable String contractNo, HttpServletRequest request) {
    RoundOverview pages = OverviewController.available(overview);
    ContractPage page = OverviewController.readableContract(pages, contractNo, request);
    return download(
        printer.writer().write(Summaries.contract(page)),
        MediaType.APPLICATION_PDF,
        "合同履约汇总-" + contractNo + ".pdf");
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<Problem> notFound(NoSuchElementException e, HttpServletRequest request) {
    return OverviewController.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage(), request);
  }

  @ExceptionHandler(Forbidden.class)
  ResponseEntity<Problem> forbidden(Forbidden e, HttpServletRequest request) {
    return OverviewController.problem(HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage(), request);
  }

  @ExceptionHandler(ElasticsearchAccessException.class)
  ResponseEntity<Problem> unavailable(ElasticsearchAccessException e, HttpServletRequest request) {
    return OverviewController.problem(
        HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", e.getMessage(), request);
  }
}
