package io.civicflow.workers.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.outbox.UsersFileRecipientDirectory;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The directory over Camunda's identity API, through the real Camunda client against the engine's
 * {@code /v2/users/search} and {@code /v2/groups/{id}/users/search} (seeded from the same users
 * file): it names the same people with the same addresses as the users-file directory the
 * application was seeded from, so asking the identity ({@code
 * civicflow.notifications.directory=camunda}, the default) changes where the answers come from, not
 * what they are for the built-in users (accounts added at run time: AccessSeparationTest).
 */
@EmbeddedEngineProcessTest
class CamundaIdentityDirectoryTest {

  @Autowired private CamundaClient client;
  @Autowired private RecipientDirectory directory;

  @Value("${civicflow.engine.auth.users-file}")
  private String usersFileLocation;

  @Test
  void theClustersIdentityNamesTheSamePeopleAsTheUsersFile() {
    CamundaIdentityDirectory identity = new CamundaIdentityDirectory(client);
    RecipientDirectory usersFile = UsersFileRecipientDirectory.load(usersFileLocation);
    // the application asks the engine's identity, with the embedded engine too
    assertThat(directory).isInstanceOf(CamundaIdentityDirectory.class);

    assertThat(identity.user("provider1"))
        .hasValue(
            new Recipient(
                "provider1",
                usersFile.user("provider1").orElseThrow().displayName(),
                "liuyang@sunshine.example.org.cn"));
    assertThat(identity.user("nobody")).isEmpty();
    for (String group :
        List.of("civil-affairs", "expert-panel", "provider-52320583MJ5000001X", "district-ZP")) {
      assertThat(identity.members(group))
          .as(group)
          .isNotEmpty()
          .isEqualTo(usersFile.members(group));
    }
    assertThat(identity.members("no-such-group")).isEmpty();
    String recipients = "procurement-agency,org:52320583MJ5000002X,user:civil1,mailto:a@b.example";
    assertThat(identity.resolve(recipients))
        .containsExactlyInAnyOrderElementsOf(usersFile.resolve(recipients));
  }
}
