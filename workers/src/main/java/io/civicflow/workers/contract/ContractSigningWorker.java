package io.civicflow.workers.contract;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.Documents;
import io.civicflow.workers.procurement.ContractPublication;
import io.civicflow.workers.procurement.RankedBid;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.publish-contract}: the tender's last step and the contract's first, so it
 * lives with the contract records it writes (procurement knows nothing of contracts).
 */
@Component
public class ContractSigningWorker {

  private final ContractPublication contracts;
  private final ContractRecords records;
  private final Documents documents;

  public ContractSigningWorker(
      ContractPublication contracts, ContractRecords records, Documents documents) {
    this.contracts = contracts;
    this.records = records;
    this.documents = documents;
  }

  /** The part of the contract-signing form recorded with the contract. */
  public record ContractSigning(List<DocumentReference> signedContract) {

    /**
     * The signed contract's files as the register keeps them, each read back from the document
     * store with its content hash first, so the register never names a document the store does not
     * hold intact.
     */
    List<DocumentFile> verifiedFiles(Documents documents) {
      if (signedContract == null) {
        return List.of();
      }
      return signedContract.stream()
          .map(
              file -> {
                documents.verify(file);
                return file.file();
              })
          .toList();
    }
  }

  /**
   * The unit and provider fields are recorded in the contract register; {@code unitName} is the
   * district the analysts group by.
   */
  public record ContractInput(
      String contractNo,
      String projectNo,
      RankedBid winner,
      List<RankedBid> ranking,
      String unitCode,
      String unitName,
      Integer roundYear,
      String providerOrgId,
      String providerName,
      Long contractValueFen,
      Integer tenderAttempt,
      String method,
      ContractSigning contractSigning,
      DocumentReference contractDraftDocument,
      String now) {}

  /**
   * Publishes the signed contract and records it in the register (id: the contract number), with
   * the signed scan attached at signing: each file is read back from the document store with its
   * content hash first, so the register never names a document the store does not hold intact. The
   * public contract notice links the contract text (条例 Art 50) as {@code contract.prepare}
   * generated it from the tender documents and the award, never the signed scan, which carries
   * signatures and personal data.
   */
  @JobWorker(type = "procurement.publish-contract")
  public ContractPublication.Duties publishContract(@VariablesAsType ContractInput input) {
    ZonedDateTime signedAt = ProcessTime.parse(input.now());
    records.recordContract(
        ContractEntry.signed(
                input.contractNo(),
                input.projectNo(),
                input.unitCode(),
                input.unitName(),
                input.roundYear() == null ? signedAt.getYear() : input.roundYear(),
                input.providerOrgId() != null
                    ? input.providerOrgId()
                    : input.winner() == null ? null : input.winner().bidderId(),
                input.providerName() != null
                    ? input.providerName()
                    : input.winner() == null ? null : input.winner().bidderName(),
                input.contractValueFen() == null ? 0 : input.contractValueFen(),
                signedAt.toInstant())
            .withSignedContractFiles(
                input.contractSigning() == null
                    ? List.of()
                    : input.contractSigning().verifiedFiles(documents)));
    return contracts.publish(
        input.contractNo(),
        input.projectNo(),
        input.winner(),
        input.ranking(),
        input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
        input.unitName(),
        input.method(),
        signedAt,
        contractText(input.contractDraftDocument()));
  }

  /** The generated contract, read back intact from the store; none before drafts existed. */
  private List<DocumentFile> contractText(DocumentReference draft) {
    if (draft == null) {
      return List.of();
    }
    documents.verify(draft);
    return List.of(draft.file());
  }
}
