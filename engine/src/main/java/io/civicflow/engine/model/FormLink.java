package io.civicflow.engine.model;

/**
 * {@code zeebe:formDefinition} on a user task or a none start event. Exactly one of:
 *
 * <ul>
 *   <li>a linked Camunda Form: {@code formId}, resolved on activation with {@code bindingType}
 *       ({@code latest}, the default; {@code deployment}; {@code versionTag} with {@code
 *       versionTag});
 *   <li>a custom reference kept as given: {@code externalReference} (Camunda user tasks) or {@code
 *       formKey} (job-based user tasks and start events), reported as {@code
 *       externalFormReference}.
 * </ul>
 */
public record FormLink(
    String formId, Binding binding, String versionTag, String externalReference) {

  /** Camunda's resource binding types (forms, called decisions). */
  public enum Binding {
    LATEST,
    DEPLOYMENT,
    VERSION_TAG;

    /**
     * The BPMN attribute value ({@code latest}, {@code deployment}, {@code versionTag}); null is
     * latest.
     */
    public static Binding of(Enum<?> attribute) {
      return of(attribute == null ? null : attribute.name());
    }

    public static Binding of(String attribute) {
      if (attribute == null || attribute.isBlank() || attribute.equals("latest")) {
        return LATEST;
      }
      if (attribute.equals("deployment")) {
        return DEPLOYMENT;
      }
      if (attribute.equals("versionTag")) {
        return VERSION_TAG;
      }
      return null;
    }
  }

  public boolean isLinked() {
    return formId != null;
  }
}
