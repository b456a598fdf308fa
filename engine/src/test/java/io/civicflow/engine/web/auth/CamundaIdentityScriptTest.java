package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.Authorization;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 18: the docker-compose path sets up on Camunda 8 the same users, groups, roles and
 * authorizations the embedded engine reads from its users file, with {@code
 * scripts/camunda-identity.py} over Camunda's identity API. The script runs here against the
 * standalone engine, which serves the same API, started with an administrator only: afterwards
 * every user of the built-in file logs in, is in its organisation's group and its roles, every
 * authorization of the file is granted once, and a second run grants nothing more.
 */
class CamundaIdentityScriptTest {

  private static final Path SCRIPT = Path.of("../scripts/camunda-identity.py");
  private static final Path USERS_FILE =
      Path.of("src/main/resources/io/civicflow/engine/web/auth/default-users.yaml");

  @TempDir Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<CamundaClient> clients = new ArrayList<>();
  private ConfigurableApplicationContext engine;
  private int port;

  @AfterEach
  void close() {
    clients.forEach(CamundaClient::close);
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void theUsersFilesIdentityIsSetUpThroughCamundasIdentityApiOnceAndOnlyOnce() throws Exception {
    Path adminOnly = dataDirectory.resolve("admin-only.yaml");
    Files.writeString(
        adminOnly,
        """
        users:
          demo:
            name: demo
            password: "$2a$10$73jKLaB./xwHHhKDFtFnaewKrRP7oMX4os2gz2kX4VKLoFsJXL2IO"
            groups: [admin]
        """,
        StandardCharsets.UTF_8);
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    engine =
        application.run(
            "--server.port=0",
            "--management.server.port=0",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.data-dir=" + dataDirectory.resolve("data"),
            "--civicflow.engine.auth.users-file=" + adminOnly);
    port = Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
    CamundaClient admin = client("demo", "demo");
    assertThat(status("provider1", "demo")).as("not set up yet").isEqualTo(401);

    assertThat(runScript()).contains("30 new authorizations");

    assertThat(status("provider1", "demo")).isEqualTo(200);
    JsonNode provider = me("provider1", "demo");
    assertThat(provider.path("groups").toString())
        .contains("\"provider\"", "\"provider-52320583MJ5000001X\"");
    assertThat(me("district3", "demo").path("roles").toString()).contains("team-lead@district-TL");
    assertThat(me("analyst", "demo").path("roles").toString()).contains("\"analyst\"");
    List<Authorization> analysts =
        admin
            .newAuthorizationSearchRequest()
            .filter(
                f ->
                    f.ownerId("analyst")
                        .ownerType(OwnerType.ROLE)
                        .resourceType(ResourceType.PROCESS_DEFINITION))
            .send()
            .join()
            .items();
    assertThat(analysts)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.getPermissionTypes())
                    .containsExactlyInAnyOrder(
                        PermissionType.READ_PROCESS_DEFINITION,
                        PermissionType.READ_PROCESS_INSTANCE));
    // the modeller role: deploys, migrates and modifies, reads processes; no user tasks
    assertThat(me("modeller1", "demo").path("roles").toString()).contains("\"modeller\"");
    assertThat(
            admin
                .newAuthorizationSearchRequest()
                .filter(f -> f.ownerId("modeller").ownerType(OwnerType.ROLE))
                .send()
                .join()
                .items())
        .extracting(Authorization::getResourceType)
        .containsExactlyInAnyOrder(
            ResourceType.PROCESS_DEFINITION,
            ResourceType.DECISION_DEFINITION,
            ResourceType.DECISION_REQUIREMENTS_DEFINITION,
            ResourceType.RESOURCE,
            ResourceType.BATCH);
    int granted = authorizations(admin);

    assertThat(runScript()).as("a second run").contains("0 new authorizations");
    assertThat(authorizations(admin)).isEqualTo(granted);
  }

  private int authorizations(CamundaClient admin) {
    return admin
        .newAuthorizationSearchRequest()
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .size();
  }

  private String runScript() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "python3",
                SCRIPT.toString(),
                "--url",
                "http://127.0.0.1:" + port,
                "--admin",
                "demo:demo",
                "--users",
                USERS_FILE.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private int status(String username, String password) throws Exception {
    return http.send(meRequest(username, password), BodyHandlers.discarding()).statusCode();
  }

  private JsonNode me(String username, String password) throws Exception {
    return json.readTree(http.send(meRequest(username, password), BodyHandlers.ofString()).body());
  }

  private HttpRequest meRequest(String username, String password) {
    String basic =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/authentication/me"))
        .header("Authorization", "Basic " + basic)
        .GET()
        .build();
  }

  private CamundaClient client(String username, String password) {
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(true)
            .applyEnvironmentVariableOverrides(false)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username(username)
                    .password(password)
                    .build())
            .build();
    clients.add(client);
    return client;
  }
}
