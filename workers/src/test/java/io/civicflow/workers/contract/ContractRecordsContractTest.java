package io.civicflow.workers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ContractRecords} must have. Each implementation gets a subclass that
 * builds empty records.
 */
public abstract class ContractRecordsContractTest {

  static final Instant SIGNED = Instant.parse("2016-08-30T02:00:00Z");
  static final String CONTRACT = "KS-2016-ZP-Y1";

  private ContractRecords records;

  protected abstract ContractRecords newRecords();

  @BeforeEach
  void createRecords() {
    records = newRecords();
  }

  static ContractEntry signed(String contractNo, String providerOrgId, long valueFen) {
    return ContractEntry.signed(
        contractNo,
        "KSCG-2016-ZP",
        "ZP",
        "张浦镇",
        2016,
        providerOrgId,
        "昆山市阳光社工服务社",
        valueFen,
        SIGNED);
  }

  static OperatingReport report(String id, Instant filedAt) {
    return new OperatingReport(
        id,
        CONTRACT,
        "2016-09-01",
        "2016-10-31",
        12,
        340,
        5,
        new BigDecimal("120.5"),
        8_000_000L,
        6,
        "开展长者关爱活动",
        "",
        "继续开展",
        "",
        filedAt);
  }

  @Test
  void shouldRecordAContractOnceAndRefuseAnotherUnderItsNumber() {
    ContractEntry contract = records.recordContract(signed(CONTRACT, "ORG-1", 80_000_000L));

    assertThat(records.recordContract(signed(CONTRACT, "ORG-1", 80_000_000L))).isEqualTo(contract);
    assertThat(records.contract(CONTRACT)).contains(contract);
    assertThatThrownBy(() -> records.recordContract(signed(CONTRACT, "ORG-2", 80_000_000L)))
        .isInstanceOf(ConflictingContractException.class)
        .hasMessageContaining("ORG-1")
        .hasMessageContaining("ORG-2");
    assertThat(records.contract("KS-2016-XX-Y1")).isEmpty();
  }

  @Test
  void shouldEndAContractOnceAndRefuseAnotherEnd() {
    records.recordContract(signed(CONTRACT, "ORG-1", 80_000_000L));
    Instant terminatedAt = SIGNED.plusSeconds(86_400 * 200);

    ContractEntry terminated =
        records.endContract(CONTRACT, ContractState.TERMINATED, terminatedAt).orElseThrow();
    ContractEntry again =
        records
            .endContract(CONTRACT, ContractState.TERMINATED, terminatedAt.plusSeconds(60))
            .orElseThrow();

    assertThat(terminated.state()).isEqualTo(ContractState.TERMINATED);
    assertThat(again).isEqualTo(terminated);
    assertThat(records.contract(CONTRACT)).contains(terminated);
    assertThatThrownBy(() -> records.endContract(CONTRACT, ContractState.COMPLETED, terminatedAt))
        .isInstanceOf(ConflictingContractException.class);
    assertThat(records.endContract("KS-2016-XX-Y1", ContractState.COMPLETED, terminatedAt))
        .isEmpty();
  }

  @Test
  void shouldEndOnceWhenManyThreadsEndTheSameContract() throws Exception {
    records.recordContract(signed(CONTRACT, "ORG-1", 80_000_000L));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ContractEntry>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Instant at = SIGNED.plusSeconds(1000 + i);
        results.add(
            pool.submit(
                () -> records.endContract(CONTRACT, ContractState.TERMINATED, at).orElseThrow()));
      }
      List<ContractEntry> ended = new ArrayList<>();
      for (Future<ContractEntry> result : results) {
        ended.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(ended).containsOnly(records.contract(CONTRACT).orElseThrow());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldFileEachReportOnceInFilingOrder() {
    OperatingReport november = report(CONTRACT + ":report:2", SIGNED.plusSeconds(86_400 * 120));
    OperatingReport october = report(CONTRACT + ":report:1", SIGNED.plusSeconds(86_400 * 60));

    records.fileReport(november);
    records.fileReport(october);
    records.fileReport(october);

    assertThat(records.reportsOf(CONTRACT)).containsExactly(october, november);
    assertThat(records.reportsOf("KS-2016-XX-Y1")).isEmpty();
  }
}
