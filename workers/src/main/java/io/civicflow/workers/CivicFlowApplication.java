package io.civicflow.workers;

import io.camunda.client.annotation.Deployment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The CivicFlow application: job workers and domain services. By default it also starts the
 * embedded engine in this JVM (see {@code engine/}); with the {@code camunda} profile it talks to a
 * Camunda 8 cluster instead. Either way the models in {@code processes/} and the forms in {@code
 * forms/} are deployed through the Camunda client when it starts.
 */
@SpringBootApplication
@Deployment(
    resources = {
      "classpath*:/processes/**/*.bpmn",
      "classpath*:/processes/**/*.dmn",
      "classpath*:/forms/**/*.form"
    })
public class CivicFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(CivicFlowApplication.class, args);
  }
}
