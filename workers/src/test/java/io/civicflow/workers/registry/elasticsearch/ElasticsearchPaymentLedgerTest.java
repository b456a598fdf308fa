package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentLedgerContractTest;
import java.time.InstantSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The payment ledger's contract against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchPaymentLedgerTest extends PaymentLedgerContractTest {

  @Override
  protected PaymentLedger newLedger(InstantSource clock) {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    return new ElasticsearchPaymentLedger(server.registryStore(), clock);
  }
}
