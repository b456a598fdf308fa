package io.civicflow.engine.api;

/** An open job stream in the engine; closing it stops the pushes. */
public interface JobStreamRegistration extends AutoCloseable {

  /** The consumer became ready again: push it the jobs that waited meanwhile. */
  void readyAgain();

  @Override
  void close();
}
