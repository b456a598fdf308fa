package io.civicflow.engine.processing;

import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.api.RejectionType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks the identity commands share, as values: each answers the {@link Rejection} Camunda
 * gives for a bad field (empty when the field is fine), and the messages of its {@code
 * ALREADY_EXISTS} and {@code NOT_FOUND} rejections.
 */
final class IdentityChecks {

  /** Camunda's id rule for users, groups, roles and mapping rules. */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_~@.+-]{1,256}");

  /** Camunda's tenant id rule. */
  private static final Pattern TENANT_ID = Pattern.compile("<default>|[\\w.-]{1,31}");

  /** What an identity command answers when accepted (only a new authorization has a key). */
  static final Outcome<Long> ACCEPTED = Outcome.of(0L);

  private IdentityChecks() {}

  static Optional<Rejection> id(String id, String field) {
    return text(id, field)
        .or(
            () ->
                ID.matcher(id).matches()
                    ? Optional.empty()
                    : invalid(
                        "The provided %s contains illegal characters (allowed: letters, digits,"
                            + " _~@.+-) or is longer than 256 characters: '%s'",
                        field, id));
  }

  /** A group's, role's or tenant's id. */
  static Optional<Rejection> entityId(Kind kind, String id) {
    String field = kind == Kind.GROUP ? "groupId" : kind == Kind.ROLE ? "roleId" : "tenantId";
    return text(id, field)
        .or(
            () ->
                (kind == Kind.TENANT ? TENANT_ID : ID).matcher(id).matches()
                    ? Optional.empty()
                    : invalid(
                        "The provided %s contains illegal characters or is too long: '%s'",
                        field, id));
  }

  static Optional<Rejection> text(String value, String field) {
    return value == null || value.isBlank() ? invalid("No %s provided.", field) : Optional.empty();
  }

  static Optional<Rejection> value(Object value, String field) {
    return value == null ? invalid("No %s provided.", field) : Optional.empty();
  }

  static Optional<Rejection> invalid(String format, Object... args) {
    return Optional.of(Rejection.invalidArgument(format, args));
  }

  static <T> Outcome<T> exists(String format, Object... args) {
    return Outcome.rejected(
        new Rejection(
            RejectionType.ALREADY_EXISTS,
            "Expected to create " + String.format(format, args) + ", but it already exists"));
  }

  static <T> Outcome<T> notFound(String action, String format, Object... args) {
    return Outcome.rejected(
        new Rejection(
            RejectionType.NOT_FOUND,
            "Expected to "
                + action
                + " "
                + String.format(format, args)
                + ", but it does not exist"));
  }

  static String nameOr(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }

  static String label(Kind kind) {
    return kind.name().toLowerCase().replace('_', ' ');
  }
}
