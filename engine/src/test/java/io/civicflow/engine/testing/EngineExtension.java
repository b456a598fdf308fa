package io.civicflow.engine.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the shared {@link TestEngine} (as a parameter) and leaves the engine clean after
 * each test: clock reset, all data purged — as Camunda Process Test does between tests.
 */
public final class EngineExtension implements ParameterResolver, AfterEachCallback {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestEngine.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return TestEngine.shared();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestEngine engine = TestEngine.shared();
    engine.resetClock();
    engine.purge();
  }
}
