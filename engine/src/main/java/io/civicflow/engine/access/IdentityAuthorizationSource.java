package io.civicflow.engine.access;

import java.util.List;
import java.util.function.Supplier;

/**
 * The authorizations of the engine's identity state (managed through {@code /v2/authorizations},
 * seeded from the users file's {@code authorizations} section): the grants to each owner as they
 * are at the moment of the check.
 */
public final class IdentityAuthorizationSource implements AuthorizationSource {

  private final Supplier<IdentityDirectory> identity;

  public IdentityAuthorizationSource(Supplier<IdentityDirectory> identity) {
    this.identity = identity;
  }

  @Override
  public List<AuthorizationGrant> grantsOf(OwnerType ownerType, String ownerId) {
    return identity.get().grantsOf(ownerType, ownerId);
  }
}
