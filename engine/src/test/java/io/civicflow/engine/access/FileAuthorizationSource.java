package io.civicflow.engine.access;

import io.civicflow.engine.web.auth.UsersFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The grants of the users file's {@code authorizations} section ({@link
 * UsersFile#loadAuthorizations}), read once at start-up. Until authorizations are engine state
 * managed through {@code /v2/authorizations}, this is where the {@link AccessCheck} gets them.
 */
public final class FileAuthorizationSource implements AuthorizationSource {

  private final Map<OwnerType, Map<String, List<AuthorizationGrant>>> byOwner;

  public FileAuthorizationSource(List<AuthorizationGrant> grants) {
    this.byOwner =
        grants.stream()
            .collect(
                Collectors.groupingBy(
                    AuthorizationGrant::ownerType,
                    Collectors.groupingBy(
                        AuthorizationGrant::ownerId, Collectors.toUnmodifiableList())));
  }

  /** The grants of the users file at {@code location} (a path or {@code classpath:…}). */
  public static FileAuthorizationSource load(String location) {
    return new FileAuthorizationSource(UsersFile.loadAuthorizations(location));
  }

  @Override
  public List<AuthorizationGrant> grantsOf(OwnerType ownerType, String ownerId) {
    return byOwner.getOrDefault(ownerType, Map.of()).getOrDefault(ownerId, List.of());
  }
}
