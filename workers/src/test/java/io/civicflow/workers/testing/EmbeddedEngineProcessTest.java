package io.civicflow.workers.testing;

import io.camunda.process.test.api.CamundaSpringProcessTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Camunda Process Test against the application with its embedded engine: the test's Spring
 * context starts the engine on free ports, and CPT connects to it in remote mode. To run the same
 * tests against a real Camunda 8 instead, see the README ("Moving to Camunda 8").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@CamundaSpringProcessTest
@ContextConfiguration(initializers = EmbeddedEngineTestInitializer.class)
@Import(ProcessTestBeans.class)
public @interface EmbeddedEngineProcessTest {}
