package io.civicflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free local ports for the engines and servers the benchmark starts. A port asked for and closed
 * again can be handed out by the system a second time before anything binds it — an engine given
 * the same port for REST and management then refuses to start — so a port is never handed out twice
 * in one JVM.
 */
final class FreePorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** A port that nothing listens on now and that no earlier call in this JVM returned. */
  static synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port that was not handed out before in 100 attempts");
  }
}
