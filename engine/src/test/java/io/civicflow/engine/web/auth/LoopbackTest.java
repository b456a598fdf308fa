package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The loopback check itself notices a port open on every interface (so its passes mean something).
 */
class LoopbackTest {

  @Test
  void shouldNoticeAPortOpenOnAllInterfaces() throws Exception {
    assumeFalse(Loopback.otherAddresses().isEmpty(), "this machine has no other address");
    try (ServerSocket everywhere = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
      assertThatThrownBy(() -> Loopback.assertOnlyOnLoopback(everywhere.getLocalPort()))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("must not be reachable");
    }
  }
}
