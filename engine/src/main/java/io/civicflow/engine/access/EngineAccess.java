package io.civicflow.engine.access;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.auth.Identity;

/**
 * The engine as each caller may use it: {@link #as(Identity)} is the {@link EngineApi} every
 * gateway (REST and gRPC) hands a caller's requests to, so the one {@link AccessCheck} holds on
 * every command and every read whichever way they came. An administrator gets the engine itself.
 */
public final class EngineAccess {

  private final EngineApi engine;
  private final AccessCheck check;

  public EngineAccess(EngineApi engine, AccessCheck check) {
    this.engine = engine;
    this.check = check;
  }

  /** The engine as {@code caller} may use it. */
  public EngineApi as(Identity caller) {
    return AccessCheck.isAdmin(caller) ? engine : new AuthorizedEngine(engine, check, caller);
  }

  public AccessCheck check() {
    return check;
  }

  /**
   * The engine itself, unchecked: for the engine's own work (management, health), never a caller's.
   */
  public EngineApi engine() {
    return engine;
  }
}
