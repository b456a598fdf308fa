package io.civicflow.workers.contract;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.Publisher;
import io.civicflow.workers.procurement.ContractPublication;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The year-2 contract is a contract of its own (Kunshan §4.2, §5.2: 合同期限2年，一年一签; DOMAIN.md §6
 * "Contract"): its own number ({@link ContractNumbers#renewalOf}), its entry in the contract
 * register at the awarded annual price, publication within 2 working days and filing with the
 * finance department within 7 working days of signing, each posted to the {@link Outbox} with its
 * due date. Ids derive from the year-2 number, so a retried job registers and posts once.
 */
public final class ContractRenewal {

  static final int PUBLICATION_WORKING_DAYS = 2;
  static final int FILING_WORKING_DAYS = 7;

  /** The year-2 contract and the due dates of its duties, ISO-8601 with offset. */
  public record Renewed(
      String year2ContractNo, String year2PublishedBy, String year2FiledBy, String year2SignedAt) {}

  private final ContractRecords records;
  private final Deadlines deadlines;
  private final Outbox outbox;
  private final Publisher publisher;

  public ContractRenewal(ContractRecords records, Deadlines deadlines, Outbox outbox) {
    this(records, deadlines, outbox, Publisher.KUNSHAN);
  }

  /**
   * @param publisher the purchaser, agency and contact the contract notice names
   */
  public ContractRenewal(
      ContractRecords records, Deadlines deadlines, Outbox outbox, Publisher publisher) {
    this.records = Objects.requireNonNull(records, "records");
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * @param year1 the year-1 contract as the register has it, or a stand-in with its data
   * @param contractValueFen the awarded annual price of year 2
   * @param signedContractFiles the year-2 contract's signed scan, kept in its register entry
   */
  public Renewed register(
      ContractEntry year1,
      long contractValueFen,
      ZonedDateTime signedAt,
      List<DocumentFile> signedContractFiles) {
    String year2No = ContractNumbers.renewalOf(year1.contractNo());
    records.recordContract(
        ContractEntry.signed(
                year2No,
                year1.projectNo(),
                year1.unitCode(),
                year1.district(),
                year1.roundYear(),
                year1.providerOrgId(),
                year1.providerName(),
                contractValueFen,
                signedAt.toInstant())
            .withSignedContractFiles(signedContractFiles));
    String published =
        ProcessTime.format(deadlines.workingDaysAfter(signedAt, PUBLICATION_WORKING_DAYS));
    String filed = ProcessTime.format(deadlines.workingDaysAfter(signedAt, FILING_WORKING_DAYS));
    outbox.post(
        new OutboxMessage(
            year2No + ":publication",
            "notice.contract",
            year2No,
            "public",
            year1.projectNo() + " 政府采购合同公告（第二年度续签，" + year2No + "，" + year1.providerName() + "）",
            "合同金额" + contractValueFen / 100 + "元；须于" + published + "前在指定媒体公告",
            signedAt.toInstant(),
            ContractPublication.contractFacts(
                publisher,
                year1.district() == null ? null : year1.district() + "社区社会工作服务项目",
                null,
                year2No,
                year1.providerName(),
                contractValueFen,
                signedAt),
            List.of()));
    outbox.post(
        new OutboxMessage(
            year2No + ":filing",
            "contract.filing",
            year2No,
            "civil-affairs",
            year2No + " 第二年度合同报同级财政部门备案",
            "须于" + filed + "前备案",
            signedAt.toInstant()));
    return new Renewed(year2No, published, filed, ProcessTime.format(signedAt));
  }
}
