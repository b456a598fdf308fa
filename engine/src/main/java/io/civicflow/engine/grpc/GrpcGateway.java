package io.civicflow.engine.grpc;

import io.civicflow.engine.api.EngineApi;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's gRPC gateway: Zeebe's gateway protocol ({@code gateway_protocol.Gateway}) on its own
 * port (26500 by default), so Camunda clients that speak gRPC — the Java client with {@code
 * preferRestOverGrpc(false)}, Camunda Process Test, the Go client, {@code zbctl}, job streaming —
 * work against the engine unchanged. Plaintext unless a certificate chain and private key are
 * given. Plain Java: the Spring Boot wiring is in {@code EngineAutoConfiguration}.
 */
public final class GrpcGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcGateway.class);

  /** Camunda's clients ping every 45 s by default; Zeebe's gateway allows pings down to 30 s. */
  private static final Duration MIN_CLIENT_KEEP_ALIVE = Duration.ofSeconds(30);

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /**
   * @param host the address to listen on (127.0.0.1 by default, like the REST API)
   * @param port the port; 0 picks a free one
   * @param maxMessageSize the largest request accepted, in bytes (Zeebe's default: 4 MB)
   * @param certificateChain PEM certificate chain for TLS, or null for plaintext
   * @param privateKey PEM (PKCS#8) private key of the certificate, or null for plaintext
   */
  public record Settings(
      String host, int port, int maxMessageSize, Path certificateChain, Path privateKey) {

    public Settings {
      if ((certificateChain == null) != (privateKey == null)) {
        throw new IllegalArgumentException(
            "TLS for the gRPC gateway needs both a certificate chain and a private key, or neither");
      }
    }

    boolean tls() {
      return certificateChain != null;
    }
  }

  private final Server server;
  private final GatewayService service;

  private GrpcGateway(Server server, GatewayService service) {
    this.server = server;
    this.service = service;
  }

  /**
   * Starts the gateway.
   *
   * @param authentication the engine as the caller of an {@code authorization} metadata value (and
   *     client address) may use it, or empty to refuse the call; null lets every call through to
   *     {@code engine} (authentication switched off)
   */
  public static GrpcGateway start(
      EngineApi engine,
      Settings settings,
      BiFunction<String, String, Optional<EngineApi>> authentication) {
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    GatewayService service = new GatewayService(engine, settings.host());
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address)
            .permitKeepAliveTime(MIN_CLIENT_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .maxInboundMessageSize(settings.maxMessageSize())
            .addService(
                authentication == null
                    ? ServerInterceptors.intercept(service)
                    : ServerInterceptors.intercept(
                        service, new GrpcAuthentication(authentication)));
    if (settings.tls()) {
      builder.sslContext(sslContext(settings));
    }
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the gRPC gateway on " + address, e);
    }
    service.advertisePort(server.getPort());
    GrpcGateway gateway = new GrpcGateway(server, service);
    LOG.info(
        "gRPC gateway listening on {}:{} ({}, authentication {})",
        settings.host(),
        gateway.port(),
        settings.tls() ? "TLS" : "plaintext",
        authentication == null ? "off" : "HTTP Basic");
    return gateway;
  }

  private static SslContext sslContext(Settings settings) {
    for (Path file : new Path[] {settings.certificateChain(), settings.privateKey()}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "The gRPC gateway's TLS file is not readable: " + file.toAbsolutePath());
      }
    }
    try {
      return GrpcSslContexts.forServer(
              settings.certificateChain().toFile(), settings.privateKey().toFile())
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The gRPC gateway's certificate chain or private key is unusable: " + e.getMessage(), e);
    }
  }

  /** The port the gateway listens on (the chosen one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  /** The job streams open now (for {@code /actuator/jobstreams}). */
  public List<OpenJobStream> jobStreams() {
    return service.jobStreams();
  }

  /** Ends open job streams, lets calls in progress finish for a few seconds, then cuts the rest. */
  @Override
  public void close() {
    service.closeStreams();
    server.shutdown();
    try {
      if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
