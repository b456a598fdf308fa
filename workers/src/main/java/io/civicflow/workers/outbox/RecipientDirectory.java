package io.civicflow.workers.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a notification reaches: the one port through which the application turns a user id into an
 * address and a group into its members. On the embedded engine it reads the engine's users ({@link
 * UsersFileRecipientDirectory}); on Camunda 8.8 the same answers come from the Orchestration
 * Cluster's identity ({@code POST /v2/users/search}, {@code POST
 * /v2/groups/{groupId}/users/search}).
 */
public interface RecipientDirectory {

  /** The user with this id, if there is one. */
  Optional<Recipient> user(String userId);

  /** The members of this group, in a stable order; empty for an unknown group. */
  List<Recipient> members(String groupId);

  /**
   * The people a message's {@code recipientGroup} names: a comma-separated list of group ids and
   * {@code user:<userId>} entries, each person once. {@code public} (the notice board) names
   * nobody.
   */
  default List<Recipient> resolve(String recipients) {
    Map<String, Recipient> byUser = new LinkedHashMap<>();
    for (String part : recipients.split(",")) {
      String entry = part.trim();
      if (entry.isEmpty() || entry.equals(OutboxMessage.PUBLIC)) {
        continue;
      }
      if (entry.startsWith(MAIL_PREFIX)) {
        String address = entry.substring(MAIL_PREFIX.length()).trim();
        if (!address.isEmpty()) {
          byUser.putIfAbsent(entry, new Recipient(entry, address, address));
        }
      } else if (entry.startsWith(ORG_PREFIX)) {
        members(organisationGroup(entry.substring(ORG_PREFIX.length())))
            .forEach(r -> byUser.putIfAbsent(r.userId(), r));
      } else if (entry.startsWith(USER_PREFIX)) {
        user(entry.substring(USER_PREFIX.length()))
            .ifPresent(r -> byUser.putIfAbsent(r.userId(), r));
      } else {
        members(entry).forEach(r -> byUser.putIfAbsent(r.userId(), r));
      }
    }
    return List.copyOf(byUser.values());
  }

  /**
   * The group whose members speak for an organisation (a bidder, a provider, an applicant): the
   * organisation's own group, {@code provider-<id>} with the id its bids and contracts carry (its
   * unified social credit code) — the group its tasks are offered to (processes/README.md).
   */
  default String organisationGroup(String orgId) {
    return "provider-" + orgId;
  }

  /** The prefix of a recipient entry that names one user rather than a group. */
  String USER_PREFIX = "user:";

  /** The prefix of a recipient entry that is only an e-mail address. */
  String MAIL_PREFIX = "mailto:";

  /** The prefix of a recipient entry that names the people of one organisation. */
  String ORG_PREFIX = "org:";

  /** The recipient entry of an organisation's people. */
  static String organisation(String orgId) {
    return ORG_PREFIX + orgId;
  }
}
