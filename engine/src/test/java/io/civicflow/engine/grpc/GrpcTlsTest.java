package io.civicflow.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gRPC gateway with TLS ({@code civicflow.engine.grpc.tls.*}): a certificate made for this test
 * by the JDK's keytool, the Java client trusting it; a plaintext client gets no answer.
 */
class GrpcTlsTest {

  @TempDir static Path dir;

  private static ConfigurableApplicationContext engine;
  private static Path certificate;
  private static int port;

  @BeforeAll
  static void startWithTls() throws Exception {
    certificate = dir.resolve("gateway.crt");
    Path privateKey = dir.resolve("gateway.key");
    writeSelfSignedPem(certificate, privateKey);
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    engine =
        application.run(
            "--server.port=0",
            "--management.server.port=0",
            "--civicflow.engine.data-dir=" + dir.resolve("data"),
            "--civicflow.engine.auth.enabled=false",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.grpc.tls.certificate-chain=" + certificate,
            "--civicflow.engine.grpc.tls.private-key=" + privateKey);
    port = engine.getBean(GrpcGateway.class).port();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void shouldServeTheGatewayOverTls() {
    try (CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("https://127.0.0.1:" + port))
            .caCertificatePath(certificate.toString())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build()) {
      assertThat(client.newTopologyRequest().send().join().getBrokers())
          .singleElement()
          .satisfies(broker -> assertThat(broker.getPort()).isEqualTo(port));
    }
  }

  @Test
  void shouldNotAnswerAPlaintextClient() {
    try (CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(Duration.ofSeconds(5))
            .build()) {
      ClientStatusException failure =
          catchThrowableOfType(
              ClientStatusException.class,
              () -> client.newTopologyRequest().send().join(5, TimeUnit.SECONDS));
      assertThat(failure.getStatusCode().name())
          .isIn("UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED");
    }
  }

  /** A key pair from keytool (SAN 127.0.0.1), written as a PEM certificate and a PEM PKCS#8 key. */
  private static void writeSelfSignedPem(Path certificate, Path privateKey) throws Exception {
    Path keystore = dir.resolve("gateway.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "gateway",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=civicflow-test",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    Files.writeString(
        certificate, pem("CERTIFICATE", store.getCertificate("gateway").getEncoded()));
    Files.writeString(
        privateKey,
        pem("PRIVATE KEY", store.getKey("gateway", "changeit".toCharArray()).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
