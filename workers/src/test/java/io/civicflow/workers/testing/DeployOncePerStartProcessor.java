package io.civicflow.workers.testing;

import io.camunda.client.bean.BeanInfo;
import io.camunda.client.spring.annotation.processor.DeploymentAnnotationProcessor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The application's {@code @Deployment}, deployed once per client start — a test-only stand-in for
 * the Spring SDK's processor, which in 8.8.14 collects the deployment again at every client start and
 * never forgets it: Camunda Process Test starts a client per test, so the N-th process test in a JVM
 * deployed every model N times (camunda/camunda#46638, fixed upstream by #46732). Remove this class,
 * and {@code camunda.client.deployment.enabled=false} in {@link EmbeddedEngineTestInitializer}, once
 * the Camunda version in {@code pom.xml} has that fix.
 */
final class DeployOncePerStartProcessor extends DeploymentAnnotationProcessor {

  private final Set<String> configured = ConcurrentHashMap.newKeySet();

  DeployOncePerStartProcessor(ApplicationEventPublisher publisher) {
    super(publisher);
  }

  @Override
  public void configureFor(BeanInfo beanInfo) {
    if (configured.add(beanInfo.getBeanName())) {
      super.configureFor(beanInfo);
    }
  }
}
