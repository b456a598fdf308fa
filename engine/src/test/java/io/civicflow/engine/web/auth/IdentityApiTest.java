package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.Authorization;
import io.civicflow.engine.web.EngineApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Camunda 8.8's identity endpoints through the official Java client over REST, on the standalone
 * engine with its real defaults (authentication on, the built-in users file): users, groups, roles,
 * tenants and authorizations created, searched, assigned, read back, updated and deleted; kept by a
 * restart; a new user logs in with its password and {@code /v2/authentication/me} shows what it was
 * given.
 */
class IdentityApiTest {

  @TempDir Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<CamundaClient> clients = new ArrayList<>();
  private ConfigurableApplicationContext engine;
  private int port;

  private void start() {
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    engine =
        application.run(
            "--server.port=0",
            "--management.server.port=0",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.data-dir=" + dataDirectory);
    port = Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
  }

  private void stop() {
    clients.forEach(CamundaClient::close);
    clients.clear();
    engine.close();
  }

  @AfterEach
  void close() {
    if (engine.isActive()) {
      stop();
    }
  }

  @Test
  void createSearchAssignReadUpdateRestartAndDelete() throws Exception {
    start();
    CamundaClient admin = client("demo", "demo");

    admin
        .newCreateUserCommand()
        .username("zhang.wei")
        .name("张伟")
        .email("zhang.wei@example.gov.cn")
        .password("昆山 2016")
        .send()
        .join();
    assertThat(
            code(
                () ->
                    admin.newCreateUserCommand().username("zhang.wei").password("x").send().join()))
        .as("a duplicate username")
        .isEqualTo(409);
    admin.newCreateGroupCommand().groupId("kunshan-office").name("昆山办").send().join();
    admin.newCreateRoleCommand().roleId("auditor").name("审计").send().join();
    admin.newCreateTenantCommand().tenantId("kunshan").name("昆山市").send().join();
    admin
        .newAssignUserToGroupCommand()
        .username("zhang.wei")
        .groupId("kunshan-office")
        .send()
        .join();
    admin.newAssignRoleToGroupCommand().roleId("auditor").groupId("kunshan-office").send().join();
    admin
        .newAssignGroupToTenantCommand()
        .groupId("kunshan-office")
        .tenantId("kunshan")
        .send()
        .join();
    long authorizationKey =
        admin
            .newCreateAuthorizationCommand()
            .ownerId("auditor")
            .ownerType(OwnerType.ROLE)
            .resourceId("*")
            .resourceType(ResourceType.PROCESS_DEFINITION)
            .permissionTypes(PermissionType.READ_PROCESS_INSTANCE, PermissionType.READ_USER_TASK)
            .send()
            .join()
            .getAuthorizationKey();

    // Camunda's refusals
    assertThat(
            code(
                () ->
                    admin
                        .newCreateAuthorizationCommand()
                        .ownerId("auditor")
                        .ownerType(OwnerType.ROLE)
                        .resourceId("*")
                        .resourceType(ResourceType.MESSAGE)
                        .permissionTypes(PermissionType.READ_USER_TASK)
                        .send()
                        .join()))
        .as("a permission the resource type does not have")
        .isEqualTo(400);
    assertThat(
            code(
                () ->
                    admin
                        .newAssignUserToGroupCommand()
                        .username("zhang.wei")
                        .groupId("no-such-group")
                        .send()
                        .join()))
        .isEqualTo(404);
    assertThat(
            code(
                () ->
                    admin
                        .newAssignUserToGroupCommand()
                        .username("zhang.wei")
                        .groupId("kunshan-office")
                        .send()
                        .join()))
        .as("already a member")
        .isEqualTo(409);

    // read back
    assertThat(
            admin
                .newUsersSearchRequest()
                .filter(f -> f.username("zhang.wei"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(
            user -> {
              assertThat(user.getName()).isEqualTo("张伟");
              assertThat(user.getEmail()).isEqualTo("zhang.wei@example.gov.cn");
            });
    assertThat(admin.newUsersByGroupSearchRequest("kunshan-office").send().join().items())
        .extracting(u -> u.getUsername())
        .containsExactly("zhang.wei");
    assertThat(admin.newGroupsByRoleSearchRequest("auditor").send().join().items())
        .extracting(g -> g.getGroupId())
        .containsExactly("kunshan-office");
    assertThat(admin.newGroupsByTenantSearchRequest("kunshan").send().join().items())
        .extracting(g -> g.getGroupId())
        .containsExactly("kunshan-office");
    assertThat(admin.newTenantGetRequest("kunshan").send().join().getName()).isEqualTo("昆山市");
    assertThat(
            admin
                .newAuthorizationSearchRequest()
                .filter(f -> f.ownerId("auditor").ownerType(OwnerType.ROLE))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(
            (Authorization a) -> {
              assertThat(a.getAuthorizationKey()).isEqualTo(Long.toString(authorizationKey));
              assertThat(a.getPermissionTypes())
                  .containsExactlyInAnyOrder(
                      PermissionType.READ_PROCESS_INSTANCE, PermissionType.READ_USER_TASK);
            });

    // the new user logs in and sees what it was given, through its group
    JsonNode me = me("zhang.wei", "昆山 2016");
    assertThat(me.get("displayName").asText()).isEqualTo("张伟");
    assertThat(me.get("email").asText()).isEqualTo("zhang.wei@example.gov.cn");
    assertThat(me.get("groups").toString()).isEqualTo("[\"kunshan-office\"]");
    assertThat(me.get("roles").toString()).isEqualTo("[\"auditor\"]");
    assertThat(me.get("tenants").get(0).get("tenantId").asText()).isEqualTo("kunshan");
    assertThat(me.get("tenants").get(0).get("name").asText()).isEqualTo("昆山市");
    assertThat(code(() -> client("zhang.wei", "昆山 2016").newUsersSearchRequest().send().join()))
        .as("identity endpoints are for administrators")
        .isEqualTo(403);

    // update: the old password stops working at once
    admin.newUpdateUserCommand("zhang.wei").password("太仓 2017").name("张伟（昆山）").send().join();
    assertThat(status("/v2/authentication/me", "zhang.wei", "昆山 2016")).isEqualTo(401);
    assertThat(status("/v2/authentication/me", "zhang.wei", "太仓 2017")).isEqualTo(200);

    // a restart keeps everything
    stop();
    start();
    CamundaClient adminAgain = client("demo", "demo");
    assertThat(adminAgain.newUserGetRequest("zhang.wei").send().join().getName())
        .isEqualTo("张伟（昆山）");
    assertThat(me("zhang.wei", "太仓 2017").get("roles").toString()).isEqualTo("[\"auditor\"]");
    assertThat(adminAgain.newAuthorizationGetRequest(authorizationKey).send().join().getOwnerId())
        .isEqualTo("auditor");

    // unassign and delete
    adminAgain
        .newUnassignUserFromGroupCommand()
        .username("zhang.wei")
        .groupId("kunshan-office")
        .send()
        .join();
    assertThat(me("zhang.wei", "太仓 2017").get("groups").toString()).isEqualTo("[]");
    adminAgain.newDeleteGroupCommand("kunshan-office").send().join();
    adminAgain.newDeleteAuthorizationCommand(authorizationKey).send().join();
    adminAgain.newDeleteUserCommand("zhang.wei").send().join();
    assertThat(code(() -> adminAgain.newUserGetRequest("zhang.wei").send().join())).isEqualTo(404);
    assertThat(code(() -> adminAgain.newAuthorizationGetRequest(authorizationKey).send().join()))
        .isEqualTo(404);
    assertThat(status("/v2/authentication/me", "zhang.wei", "太仓 2017")).isEqualTo(401);
  }

  @Test
  void theUsersFileIsSeededWithRoleAdminForGroupAdmin() throws Exception {
    start();
    CamundaClient admin = client("demo", "demo");
    assertThat(admin.newUsersSearchRequest().send().join().items())
        .extracting(u -> u.getUsername())
        .contains("demo", "civil1", "expert9");
    assertThat(admin.newGroupsByRoleSearchRequest("admin").send().join().items())
        .extracting(g -> g.getGroupId())
        .containsExactly("admin");
    assertThat(me("demo", "demo").get("roles").toString()).contains("\"admin\"");
    assertThat(admin.newTenantGetRequest("<default>").send().join().getTenantId())
        .isEqualTo("<default>");

    // a seeded user deleted through the API stays deleted after a restart
    admin.newDeleteUserCommand("civil1").send().join();
    stop();
    start();
    assertThat(status("/v2/authentication/me", "civil1", "demo")).isEqualTo(401);
    assertThat(status("/v2/authentication/me", "district1", "demo")).isEqualTo(200);
  }

  private static int code(ThrowingCallable request) {
    Throwable failure = catchThrowable(request);
    assertThat(failure).isInstanceOf(ProblemException.class);
    return ((ProblemException) failure).code();
  }

  private JsonNode me(String username, String password) throws Exception {
    HttpResponse<String> response = get("/v2/authentication/me", username, password);
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private int status(String path, String username, String password) throws Exception {
    return get(path, username, password).statusCode();
  }

  private HttpResponse<String> get(String path, String username, String password) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Basic " + credentials)
            .build(),
        BodyHandlers.ofString());
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
