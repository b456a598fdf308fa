package io.civicflow.workers.taskviews;

import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.web.ApiAccess;
import io.civicflow.workers.web.ApiSecurityConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The teams the signed-in user leads, with their members: {@code GET /api/teams}. A team lead holds
 * the role {@code team-lead@<group>} and is a member of that group ({@link ApiAccess#ledGroups});
 * everyone else gets an empty list. The console's task list offers a lead to hand selected tasks to
 * a member of the task's candidate group; the assignment itself goes to the engine with the lead's
 * own credentials, so the engine's authorization decides whether the lead may assign it.
 */
@RestController
public class TeamsController {

  private final RecipientDirectory directory;

  public TeamsController(RecipientDirectory directory) {
    this.directory = directory;
  }

  /** One member: user name and display name. */
  public record Member(String username, String name) {}

  /** One team: its group and members, in the directory's order. */
  public record Team(String group, List<Member> members) {}

  public record Teams(List<Team> teams) {}

  @GetMapping(path = "/api/teams", produces = MediaType.APPLICATION_JSON_VALUE)
  public Teams teams(HttpServletRequest request) {
    ApiAccess access = ApiSecurityConfiguration.access(request);
    return new Teams(
        access.ledGroups().stream()
            .map(
                group ->
                    new Team(
                        group,
                        directory.members(group).stream().map(TeamsController::member).toList()))
            .toList());
  }

  private static Member member(Recipient recipient) {
    return new Member(recipient.userId(), recipient.displayName());
  }
}
