package io.civicflow.workers.overview;

import io.civicflow.engine.web.error.Problem;
import io.civicflow.workers.overview.OverviewViews.AuditTrail;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.RoundSummary;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchAccessException;
import io.civicflow.workers.web.ApiAccess;
import io.civicflow.workers.web.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The round page, the contract page and the audit trails as JSON ({@code /api/rounds}, {@code
 * /api/contracts/{contractNo}}, {@code …/audit}, {@code /api/process-instances/{key}/audit}). Who
 * sees what follows {@link ApiAccess}: the bureau's readers, finance and audit every unit; a
 * district office its unit; a provider its contracts.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class OverviewController {

  private final ObjectProvider<RoundOverview> overview;

  public OverviewController(ObjectProvider<RoundOverview> overview) {
    this.overview = overview;
  }

  @GetMapping("/rounds")
  public List<RoundSummary> rounds(HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayReadSomeUnit()) {
      throw new Forbidden(access.username() + " 无权查看采购轮次");
    }
    return overview().rounds();
  }

  @GetMapping("/rounds/{year}")
  public RoundPage round(@PathVariable int year, HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayReadSomeUnit()) {
      throw new Forbidden(access.username() + " 无权查看采购轮次");
    }
    return overview().round(year, row -> access.mayReadUnit(row.unitCode(), row.providerOrgId()));
  }

  @GetMapping("/contracts/{contractNo}")
  public ContractPage contract(@PathVariable String contractNo, HttpServletRequest request) {
    return readableContract(overview(), contractNo, request);
  }

  @GetMapping("/contracts/{contractNo}/audit")
  public AuditTrail contractAudit(@PathVariable String contractNo, HttpServletRequest request) {
    return readableContractTrail(overview(), contractNo, request);
  }

  @GetMapping("/process-instances/{key}/audit")
  public AuditTrail instanceAudit(@PathVariable long key, HttpServletRequest request) {
    requireRoundReader(request);
    return overview().instanceTrail(key);
  }

  /**
   * The contract page if the caller may read the contract's unit; else 403. The evaluation report
   * and the members' score sheets only for those who read every unit ({@link EvaluationSecrecy}).
   */
  public static ContractPage readableContract(
      RoundOverview pages, String contractNo, HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    ContractPage page = pages.contract(contractNo, access.mayReadRounds());
    if (!access.mayReadUnit(page.unitCode(), page.providerOrgId())) {
      throw new Forbidden(access.username() + " 无权查看合同 " + contractNo);
    }
    return page;
  }

  /** The contract's audit trail, to whom {@link #readableContract} allows, kept alike. */
  public static AuditTrail readableContractTrail(
      RoundOverview pages, String contractNo, HttpServletRequest request) {
    readableContract(pages, contractNo, request);
    return pages.contractTrail(
        contractNo, ApiSecurityConfiguration.access(request).mayReadRounds());
  }

  /** Throws 403 unless the caller reads every unit (bureau, finance, audit, analysts). */
  public static void requireRoundReader(HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    if (!access.mayReadRounds()) {
      throw new Forbidden(access.username() + " 无权查看流程审计记录");
    }
  }

  /** Refused: the caller's groups do not reach this unit or contract. */
  public static final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** The overview, or 503 while the registry is not on Elasticsearch. */
  public static RoundOverview available(ObjectProvider<RoundOverview> overview) {
    RoundOverview available = overview.getIfAvailable();
    if (available == null) {
      throw new ElasticsearchAccessException(
          "The round and contract pages need the registry on Elasticsearch"
              + " (civicflow.registry.elasticsearch.enabled=false)",
          null);
    }
    return available;
  }

  private RoundOverview overview() {
    return available(overview);
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<Problem> notFound(NoSuchElementException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage(), request);
  }

  @ExceptionHandler(Forbidden.class)
  ResponseEntity<Problem> forbidden(Forbidden e, HttpServletRequest request) {
    return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage(), request);
  }

  @ExceptionHandler(ElasticsearchAccessException.class)
  ResponseEntity<Problem> unavailable(ElasticsearchAccessException e, HttpServletRequest request) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", e.getMessage(), request);
  }

  /** A problem+json answer, as the engine's REST API gives them. */
  public static ResponseEntity<Problem> problem(
      HttpStatus status, String title, String detail, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problem.of(title, status.value(), detail, request.getRequestURI()));
  }
}
