package io.civicflow.engine.core;

import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Small builders for core-level tests. */
final class EngineTestSupport {

  private EngineTestSupport() {}

  static Deploy deployFixture(String... names) {
    return new Deploy(
        List.of(names).stream().map(n -> new DeployResource(n, fixture(n))).toList(), null);
  }

  static byte[] fixture(String name) {
    try (InputStream in = EngineTestSupport.class.getResourceAsStream("/bpmn/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CreateProcessInstance create(String id, Map<String, Object> variables) {
    return new CreateProcessInstance(
        id, null, null, variables, List.of(), List.of(), false, List.of(), 0, null);
  }

  static ActivateJobs activate(String type) {
    return new ActivateJobs(type, "test", 60_000, 10, List.of(), 1_000, List.of());
  }
}
