package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperBidSubmissionTest {

  record Published(
      String projectNo, String messageId, Duration ttl, Map<String, Object> variables) {}

  private final List<Published> published = new ArrayList<>();
  private final PaperBidSubmission submission =
      new PaperBidSubmission(
          (projectNo, messageId, ttl, variables) ->
              published.add(new Published(projectNo, messageId, ttl, variables)));

  @Test
  void aPaperBidBecomesTheBidSubmittedMessageOfItsProject() {
    PaperBidWorker.Input form =
        new PaperBidWorker.Input(
            "KSCG-2016-ZP",
            "52320583MJ1234567X",
            "昆山市阳光社工服务社",
            true,
            new BigDecimal("760000.50"),
            false,
            List.of(),
            null,
            null,
            "2016-08-05T10:00:00+08:00");

    String messageId = submission.submit(form.projectNo(), form.toBid());

    assertThat(messageId).isEqualTo("paper:KSCG-2016-ZP:52320583MJ1234567X");
    Published message = published.get(0);
    assertThat(message.projectNo()).isEqualTo("KSCG-2016-ZP");
    assertThat(message.ttl()).isEqualTo(Duration.ofDays(30));
    Bid bid = (Bid) message.variables().get("bid");
    assertThat(bid.priceFen()).isEqualTo(76_000_050L);
    assertThat(bid.registeredAsNonProfit()).isTrue();
  }

  @Test
  void aPaperBidWithoutProjectIsRefused() {
    assertThatThrownBy(() -> submission.submit(" ", BidBookTest.bid("A", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(published).isEmpty();
  }
}
