package io.civicflow.workers.web;

import java.util.Locale;
import java.util.Set;

/**
 * Who may use which of the application's endpoints, decided from the caller's user name, groups and
 * roles (the users file):
 *
 * <ul>
 *   <li>analytics ({@code /api/analytics/**}): analysts (role {@code analyst}: the analyst, audit),
 *       the bureau (group {@code civil-affairs}) and administrators;
 *   <li>rounds, contracts and audit trails ({@code /api/rounds/**}, {@code /api/contracts/**},
 *       {@code /api/process-instances/{key}/audit}): whoever reads analytics, finance and audit see
 *       every unit; a district office ({@code district-<unitCode>}) its own unit, a provider
 *       ({@code provider-<orgId>}) its own contracts (processes/README.md, "Who is offered what");
 *   <li>a social worker's availability ({@code /api/social-workers/{userId}/availability}): the
 *       worker themselves, the head of a station the worker belongs to (groups {@code station} and
 *       {@code station-<id>}, who arranges the AB roles; the station's workers are {@code
 *       civicflow.stations.<id>.social-workers}) and administrators.
 * </ul>
 *
 * @param username the caller
 * @param groups the caller's groups
 * @param roles the caller's roles
 */
public record ApiAccess(String username, Set<String> groups, Set<String> roles) {

  public static final String ADMIN_GROUP = "admin";
  public static final String ANALYST_ROLE = "analyst";
  public static final String BUREAU_GROUP = "civil-affairs";
  public static final String STATION_HEAD_GROUP = "station";
  public static final String FINANCE_GROUP = "finance";
  public static final String AUDIT_GROUP = "audit";

  public ApiAccess {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return groups.contains(ADMIN_GROUP);
  }

  public boolean mayReadAnalytics() {
    return isAdmin() || roles.contains(ANALYST_ROLE) || groups.contains(BUREAU_GROUP);
  }

  /** Every unit of every round, every contract and every process instance's audit trail. */
  public boolean mayReadRounds() {
    return mayReadAnalytics() || groups.contains(FINANCE_GROUP) || groups.contains(AUDIT_GROUP);
  }

  /**
   * One unit's row and contract: the bureau's readers, the unit's district office, its provider.
   */
  public boolean mayReadUnit(String unitCode, String providerOrgId) {
    return mayReadRounds()
        || groups.contains("district-" + unitCode)
        || (providerOrgId != null
            && !providerOrgId.isBlank()
            && groups.contains("provider-" + providerOrgId));
  }

  /** Whether the caller may read some unit at all: the round list is theirs too. */
  public boolean mayReadSomeUnit() {
    return mayReadRounds()
        || groups.stream().anyMatch(g -> g.startsWith("district-") || g.startsWith("provider-"));
  }

  /**
   * The prefix of the role that makes its holder the lead of a group: {@code
   * team-lead@district-TL}.
   */
  public static final String TEAM_LEAD_ROLE_PREFIX = "team-lead@";

  /**
   * The groups this user leads: one role {@code team-lead@<group>} each, and only groups the user
   * is a member of (a lead hands out the tasks of their own team).
   */
  public java.util.SortedSet<String> ledGroups() {
    java.util.SortedSet<String> led = new java.util.TreeSet<>();
    for (String role : roles) {
      if (role.startsWith(TEAM_LEAD_ROLE_PREFIX)) {
        String group = role.substring(TEAM_LEAD_ROLE_PREFIX.length());
        if (groups.contains(group)) {
          led.add(group);
        }
      }
    }
    return led;
  }

  /**
   * @param workerStations the stations {@code userId} works at (empty for a user who is no
   *     station's social worker: only they themselves and administrators)
   */
  public boolean mayManageAvailabilityOf(String userId, Set<String> workerStations) {
    return isAdmin()
        || username.toLowerCase(Locale.ROOT).equals(userId.toLowerCase(Locale.ROOT))
        || (groups.contains(STATION_HEAD_GROUP)
            && workerStations.stream().anyMatch(station -> groups.contains("station-" + station)));
  }

  /**
   * Whether {@code host} (a Host header, with or without port) names one of {@code allowedHosts}: a
   * page on another name (DNS rebinding) does not reach the application's data.
   */
  public static boolean hostAllowed(String host, Set<String> allowedHosts) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      name = end < 0 ? name : name.substring(0, end + 1);
    } else if (name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    return allowedHosts.contains(name);
  }
}
