package io.civicflow.engine.access;

import java.util.List;

/**
 * Where the authorizations the engine enforces come from: the users file's {@code authorizations}
 * section, or the engine's identity state once authorizations are managed through {@code
 * /v2/authorizations}. The access check asks for the grants of each owner a caller stands for (the
 * user, each of its groups and roles).
 */
public interface AuthorizationSource {

  /** Every grant to this owner, in no particular order. */
  List<AuthorizationGrant> grantsOf(OwnerType ownerType, String ownerId);
}
