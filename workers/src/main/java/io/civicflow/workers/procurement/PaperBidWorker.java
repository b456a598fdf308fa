package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.payment.Money;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code procurement.submit-paper-bid}: a paper bid becomes a {@code BidSubmitted} message. */
@Component
public class PaperBidWorker {

  private final PaperBidSubmission submission;

  public PaperBidWorker(PaperBidSubmission submission) {
    this.submission = submission;
  }

  /** The paper-bid form: the price in yuan. */
  public record Input(
      String projectNo,
      String bidderId,
      String bidderName,
      boolean registeredAsNonProfit,
      BigDecimal priceYuan,
      boolean jointBid,
      List<TeamMember> team,
      String receivedAt,
      List<DocumentReference> responseFiles,
      String now) {

    /** The time of receipt the agency wrote on the form, else when the form was submitted. */
    Bid toBid() {
      return new Bid(
          bidderId,
          bidderName,
          registeredAsNonProfit,
          Money.fenOf(priceYuan),
          jointBid,
          team,
          ProcessTime.format(ProcessTime.parse(receivedAt != null ? receivedAt : now)),
          responseFiles,
          null);
    }
  }

  @JobWorker(type = "procurement.submit-paper-bid")
  public void submit(@VariablesAsType Input input) {
    submission.submit(input.projectNo(), input.toBid());
  }
}
