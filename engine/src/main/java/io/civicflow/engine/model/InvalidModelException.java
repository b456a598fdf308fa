package io.civicflow.engine.model;

import java.util.List;
import java.util.stream.Collectors;

/** A resource that cannot be deployed, with every problem found in it. */
public final class InvalidModelException extends Exception {
  private final String resourceName;
  private final List<ModelProblem> problems;

  public InvalidModelException(String resourceName, List<ModelProblem> problems) {
    super(format(resourceName, problems), null, false, false);
    this.resourceName = resourceName;
    this.problems = List.copyOf(problems);
  }

  public InvalidModelException(String resourceName, String reason) {
    super("'" + resourceName + "': " + reason, null, false, false);
    this.resourceName = resourceName;
    this.problems = List.of();
  }

  public String resourceName() {
    return resourceName;
  }

  public List<ModelProblem> problems() {
    return problems;
  }

  private static String format(String resourceName, List<ModelProblem> problems) {
    return "'"
        + resourceName
        + "':\n"
        + problems.stream().map(ModelProblem::toString).collect(Collectors.joining("\n"));
  }
}
