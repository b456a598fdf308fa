package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an organisation's or a station's group in step with the domain through the cluster's own
 * identity, with the official client's identity commands ({@code POST /v2/groups}, {@code PUT
 * /v2/groups/{groupId}/users/{username}}): the group is created if missing and the named user
 * accounts are made members. Idempotent: a group or a membership that already exists (409) is fine,
 * so a retried job, a second admission of the same organisation or a graduate who already has its
 * group change nothing. Works alike on the embedded engine and on Camunda 8.8; the client's user
 * needs Camunda's {@code GROUP} create/update authorization (an administrator has it).
 */
public final class OrganisationGroups {

  private static final Logger LOG = LoggerFactory.getLogger(OrganisationGroups.class);

  /** The groups the application keeps: one organisation's or one station's people. */
  static final Pattern KEPT_GROUP =
      Pattern.compile("(provider|evaluator|station|supervisor|district)-[A-Za-z0-9_-]{1,64}");

  /** Camunda's user names: letters, digits and {@code _ - . @}. */
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,256}");

  private final CamundaClient client;

  public OrganisationGroups(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Creates {@code groupId} if missing and adds each of {@code usernames} to it.
   *
   * @param name the group's display name (the organisation's name); the id when blank
   * @return the accounts that were not yet members and now are
   * @throws IllegalArgumentException for a group the application does not keep, or a malformed or
   *     unknown account (the job fails and the operator sees the account named)
   */
  public List<String> join(String groupId, String name, List<String> usernames) {
    if (groupId == null || !KEPT_GROUP.matcher(groupId).matches()) {
      throw new IllegalArgumentException(
          "'" + groupId + "' is not a group the application keeps (provider-<orgId>, …)");
    }
    Set<String> accounts = new LinkedHashSet<>();
    for (String username : usernames == null ? List.<String>of() : usernames) {
      String account = username == null ? "" : username.trim();
      if (account.isEmpty()) {
        continue;
      }
      if (!USERNAME.matcher(account).matches()) {
        throw new IllegalArgumentException("'" + account + "' is not a user name");
      }
      accounts.add(account);
    }
    ensureGroup(groupId, name == null || name.isBlank() ? groupId : name);
    List<String> added = new ArrayList<>();
    for (String account : accounts) {
      try {
        client.newAssignUserToGroupCommand().username(account).groupId(groupId).send().join();
        added.add(account);
      } catch (ProblemException e) {
        if (e.code() == 409) {
          continue;
        }
        if (e.code() == 404) {
          throw new IllegalArgumentException(
              "The account '" + account + "' to add to " + groupId + " does not exist", e);
        }
        throw e;
      }
    }
    if (!added.isEmpty()) {
      LOG.info("Added {} to group {}", added, groupId);
    }
    return List.copyOf(added);
  }

  private void ensureGroup(String groupId, String name) {
    try {
      client.newCreateGroupCommand().groupId(groupId).name(name).send().join();
      LOG.info("Created group {} ({})", groupId, name);
    } catch (ProblemException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
