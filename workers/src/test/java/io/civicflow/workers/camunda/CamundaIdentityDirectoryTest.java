package io.civicflow.workers.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The directory over Camunda's identity API, through the real Camunda client against the engine's
 * {@code /v2/users/search} and {@code /v2/groups/{id}/users/search} (seeded from the same users
 * file): it names the same people with the same addresses as the users-file directory the
 * application runs with here, so {@code civicflow.notifications.directory=camunda} changes where
 * the answers come from, not what they are.
 */
@EmbeddedEngineProcessTest
class CamundaIdentityDirectoryTest {

  @Autowired private CamundaClient client;
  @Autowired private RecipientDirectory usersFile;

  @Test
  void theClustersIdentityNamesTheSamePeopleAsTheUsersFile() {
    CamundaIdentityDirectory identity = new CamundaIdentityDirectory(client);

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
