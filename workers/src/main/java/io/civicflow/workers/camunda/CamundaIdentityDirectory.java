package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.GroupUser;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.User;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RecipientDirectory} of a Camunda 8.8 orchestration cluster: users, their names and
 * e-mail addresses and the groups' members from the cluster's own identity, through the Camunda
 * client ({@code POST /v2/users/search}, {@code POST /v2/groups/{groupId}/users/search}), so that a
 * person added to a group in the cluster is notified without touching the users file. The client's
 * user needs read access to users and groups (Camunda's {@code USER} and {@code GROUP}
 * authorizations; an administrator has it). The embedded engine answers the same calls from its
 * identity state, seeded from the users file.
 */
public final class CamundaIdentityDirectory implements RecipientDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaIdentityDirectory.class);

  /** Camunda's largest page. */
  static final int PAGE = 100;

  private final CamundaClient client;
  private final RecipientDirectory fallback;
  private final AtomicBoolean warned = new AtomicBoolean();

  /** Asks only the cluster: a refused identity search fails the job (and names why). */
  public CamundaIdentityDirectory(CamundaClient client) {
    this(client, null);
  }

  /**
   * @param fallback asked only where the client cannot answer: the identity API refuses the
   *     client's user ({@code 401}/{@code 403}: no read access to users and groups); null for none
   */
  public CamundaIdentityDirectory(CamundaClient client, RecipientDirectory fallback) {
    this.client = Objects.requireNonNull(client, "client");
    this.fallback = fallback;
  }

  @Override
  public Optional<Recipient> user(String userId) {
    try {
      return identityUser(userId);
    } catch (ProblemException e) {
      return fallback(e).user(userId);
    }
  }

  @Override
  public List<Recipient> members(String groupId) {
    try {
      return identityMembers(groupId);
    } catch (ProblemException e) {
      return fallback(e).members(groupId);
    }
  }

  /** The fallback when the identity API refused the client's user, else {@code e} again. */
  private RecipientDirectory fallback(ProblemException e) {
    if (fallback == null || (e.code() != 401 && e.code() != 403)) {
      throw e;
    }
    if (warned.compareAndSet(false, true)) {
      LOG.warn(
          "The identity API refuses the workers' user ({} {}): notifications are addressed from the"
              + " users file instead, so accounts added at run time get no mail until it may read"
              + " users and groups",
          e.code(),
          e.getMessage());
    }
    return fallback;
  }

  private Optional<Recipient> identityUser(String userId) {
    return client
        .newUsersSearchRequest()
        .filter(f -> f.username(userId))
        .send()
        .join()
        .items()
        .stream()
        .filter(u -> userId.equals(u.getUsername()))
        .findFirst()
        .map(CamundaIdentityDirectory::recipient);
  }

  private List<Recipient> identityMembers(String groupId) {
    List<String> usernames = new ArrayList<>();
    try {
      int from = 0;
      while (true) {
        int offset = from;
        SearchResponse<GroupUser> page =
            client
                .newUsersByGroupSearchRequest(groupId)
                .page(p -> p.from(offset).limit(PAGE))
                .send()
                .join();
        page.items().forEach(member -> usernames.add(member.getUsername()));
        from += page.items().size();
        Long total = page.page() == null ? null : page.page().totalItems();
        if (page.items().isEmpty() || total == null || from >= total) {
          break;
        }
      }
    } catch (ProblemException e) {
      if (e.code() == 404) {
        return List.of();
      }
      throw e;
    }
    List<Recipient> members = new ArrayList<>();
    for (int i = 0; i < usernames.size(); i += PAGE) {
      List<String> chunk = usernames.subList(i, Math.min(usernames.size(), i + PAGE));
      client
          .newUsersSearchRequest()
          .filter(f -> f.username(p -> p.in(chunk)))
          .page(p -> p.limit(PAGE))
          .send()
          .join()
          .items()
          .forEach(u -> members.add(recipient(u)));
    }
    members.sort(Comparator.comparing(Recipient::userId));
    return List.copyOf(members);
  }

  private static Recipient recipient(User user) {
    String name =
        user.getName() == null || user.getName().isBlank() ? user.getUsername() : user.getName();
    String email = user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    return new Recipient(user.getUsername(), name, email);
  }
}
