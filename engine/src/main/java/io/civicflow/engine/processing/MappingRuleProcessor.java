package io.civicflow.engine.processing;

import static io.civicflow.engine.processing.IdentityChecks.ACCEPTED;
import static io.civicflow.engine.processing.IdentityChecks.exists;
import static io.civicflow.engine.processing.IdentityChecks.notFound;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.MappingRule;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.DeleteMappingRule;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.event.IdentityEvent.MappingRuleCreated;
import io.civicflow.engine.event.IdentityEvent.MappingRuleDeleted;
import io.civicflow.engine.event.IdentityEvent.MappingRuleUpdated;
import java.util.Optional;

/** Camunda's mapping rule commands: a claim name and value that make a token's holder a member. */
final class MappingRuleProcessor {

  private MappingRuleProcessor() {}

  static Outcome<Long> create(ProcessingContext ctx, IdentityDirectory d, CreateMappingRule c) {
    Optional<Rejection> invalid =
        IdentityChecks.id(c.mappingRuleId(), "mappingRuleId")
            .or(() -> fields(c.claimName(), c.claimValue(), c.name()));
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    if (d.mappingRules().containsKey(c.mappingRuleId())) {
      return exists("mapping rule with ID '%s'", c.mappingRuleId());
    }
    for (MappingRule rule : d.mappingRules().values()) {
      if (rule.claimName().equals(c.claimName()) && rule.claimValue().equals(c.claimValue())) {
        return exists(
            "mapping rule with claim '%s' = '%s' (%s)",
            c.claimName(), c.claimValue(), rule.mappingRuleId());
      }
    }
    ctx.write(new MappingRuleCreated(c.mappingRuleId(), c.claimName(), c.claimValue(), c.name()));
    return ACCEPTED;
  }

  static Outcome<Long> update(ProcessingContext ctx, IdentityDirectory d, UpdateMappingRule c) {
    if (!d.mappingRules().containsKey(c.mappingRuleId())) {
      return notFound("update", "mapping rule with ID '%s'", c.mappingRuleId());
    }
    Optional<Rejection> invalid = fields(c.claimName(), c.claimValue(), c.name());
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    ctx.write(new MappingRuleUpdated(c.mappingRuleId(), c.claimName(), c.claimValue(), c.name()));
    return ACCEPTED;
  }

  static Outcome<Long> delete(ProcessingContext ctx, IdentityDirectory d, DeleteMappingRule c) {
    if (!d.mappingRules().containsKey(c.mappingRuleId())) {
      return notFound("delete", "mapping rule with ID '%s'", c.mappingRuleId());
    }
    MembershipProcessor.removeReferences(
        ctx, d, Kind.MAPPING_RULE, c.mappingRuleId(), OwnerType.MAPPING_RULE);
    ctx.write(new MappingRuleDeleted(c.mappingRuleId()));
    return ACCEPTED;
  }

  private static Optional<Rejection> fields(String claimName, String claimValue, String name) {
    return IdentityChecks.text(claimName, "claimName")
        .or(() -> IdentityChecks.text(claimValue, "claimValue"))
        .or(() -> IdentityChecks.text(name, "name"));
  }
}
