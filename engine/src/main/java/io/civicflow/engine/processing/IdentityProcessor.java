package io.civicflow.engine.processing;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.api.Commands.AddMember;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.CreateUser;
import io.civicflow.engine.api.Commands.DeleteAuthorization;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.DeleteMappingRule;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.IdentityCommand;
import io.civicflow.engine.api.Commands.RemoveMember;
import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.api.Commands.UpdateUser;

/**
 * Camunda 8.8's identity commands: users, groups, roles, tenants, mapping rules, memberships and
 * authorizations, checked against the identity state and written as identity events, with Camunda's
 * rejections (a duplicate is {@code ALREADY_EXISTS}, an unknown id {@code NOT_FOUND}). Each concern
 * has its handler ({@link UserProcessor}, {@link IdentityEntityProcessor} for groups, roles and
 * tenants, {@link MappingRuleProcessor}, {@link MembershipProcessor}, {@link
 * AuthorizationProcessor}, {@link IdentitySeeding}); every handler checks before its first write
 * and answers a rejection as a value. Deleting an entity removes its memberships and the
 * authorizations it owns first, each as its own event.
 */
final class IdentityProcessor {

  private IdentityProcessor() {}

  static Outcome<Long> change(ProcessingContext ctx, IdentityCommand command) {
    IdentityDirectory d = ctx.state().identity().directory();
    if (command instanceof CreateUser c) {
      return UserProcessor.create(ctx, d, c);
    } else if (command instanceof UpdateUser c) {
      return UserProcessor.update(ctx, d, c);
    } else if (command instanceof DeleteUser c) {
      return UserProcessor.delete(ctx, d, c);
    } else if (command instanceof CreateEntity c) {
      return IdentityEntityProcessor.create(ctx, d, c);
    } else if (command instanceof UpdateEntity c) {
      return IdentityEntityProcessor.update(ctx, d, c);
    } else if (command instanceof DeleteEntity c) {
      return IdentityEntityProcessor.delete(ctx, d, c);
    } else if (command instanceof CreateMappingRule c) {
      return MappingRuleProcessor.create(ctx, d, c);
    } else if (command instanceof UpdateMappingRule c) {
      return MappingRuleProcessor.update(ctx, d, c);
    } else if (command instanceof DeleteMappingRule c) {
      return MappingRuleProcessor.delete(ctx, d, c);
    } else if (command instanceof AddMember c) {
      return MembershipProcessor.add(ctx, d, c);
    } else if (command instanceof RemoveMember c) {
      return MembershipProcessor.remove(ctx, d, c);
    } else if (command instanceof CreateAuthorization c) {
      return AuthorizationProcessor.create(ctx, d, c);
    } else if (command instanceof UpdateAuthorization c) {
      return AuthorizationProcessor.update(ctx, d, c);
    } else if (command instanceof DeleteAuthorization c) {
      return AuthorizationProcessor.delete(ctx, d, c);
    } else if (command instanceof SeedIdentity c) {
      IdentitySeeding.seed(ctx, c);
      return IdentityChecks.ACCEPTED;
    }
    throw new IllegalArgumentException("unknown identity command " + command);
  }
}
