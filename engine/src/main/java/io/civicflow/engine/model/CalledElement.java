package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * {@code zeebe:calledElement} of a call activity.
 *
 * @param bindingType {@code latest}, {@code deployment} or {@code versionTag}
 * @param versionTag the tag to bind to when {@code bindingType} is {@code versionTag}
 */
public record CalledElement(
    Expression processId,
    String bindingType,
    String versionTag,
    boolean propagateAllChildVariables,
    boolean propagateAllParentVariables) {

  public static final String LATEST = "latest";
  public static final String DEPLOYMENT = "deployment";
  public static final String VERSION_TAG = "versionTag";
}
