package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** Whether a port is reachable from this machine's other addresses (it should not be). */
public final class Loopback {

  private Loopback() {}

  /** This machine's non-loopback IPv4 addresses (none in some sandboxes). */
  public static List<InetAddress> otherAddresses() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(Loopback::isUp)
          .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
          .filter(
              a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .toList();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-loopback address refuses connections to the port. */
  public static void assertOnlyOnLoopback(int port) {
    for (InetAddress address : otherAddresses()) {
      Throwable failure =
          catchThrowable(
              () -> {
                try (Socket socket = new Socket()) {
                  socket.connect(new InetSocketAddress(address, port), 2000);
                }
              });
      assertThat(failure)
          .as("port %d must not be reachable on %s", port, address.getHostAddress())
          .isInstanceOf(ConnectException.class);
    }
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (IOException e) {
      return false;
    }
  }
}
