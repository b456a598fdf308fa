package io.civicflow.workers.testing;

import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.bean.BeanInfo;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.spring.annotation.processor.DeploymentAnnotationProcessor;
import io.camunda.client.spring.annotation.processor.JobWorkerAnnotationProcessor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Test-only stand-ins for the Spring SDK's {@code @Deployment} and {@code @JobWorker} processors.
 * In 8.8.14 both collect their beans again at every client start and never forget them; Camunda
 * Process Test starts a client per test, so the N-th process test in a JVM deployed every model N
 * times and ran N workers per job type (camunda/camunda#46638, fixed upstream by #46732 and
 * 56608fb6a6e). The stand-ins configure each bean once. Remove this class once the Camunda version
 * in {@code pom.xml} has those fixes.
 */
final class OncePerBeanAnnotationProcessors implements BeanDefinitionRegistryPostProcessor {

  private static final String DEPLOYMENT = "deploymentPostProcessor";
  private static final String JOB_WORKER = "jobWorkerPostProcessor";

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    replace(registry, DEPLOYMENT, DeployOnce.class);
    replace(registry, JOB_WORKER, WorkersOnce.class);
  }

  private static void replace(BeanDefinitionRegistry registry, String name, Class<?> type) {
    if (!registry.containsBeanDefinition(name)) {
      return;
    }
    registry.removeBeanDefinition(name);
    RootBeanDefinition definition = new RootBeanDefinition(type);
    definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
    registry.registerBeanDefinition(name, definition);
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  static final class DeployOnce extends DeploymentAnnotationProcessor {
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    DeployOnce(ApplicationEventPublisher publisher) {
      super(publisher);
    }

    @Override
    public void configureFor(BeanInfo beanInfo) {
      if (configured.add(beanInfo.getBeanName())) {
        super.configureFor(beanInfo);
      }
    }
  }

  static final class WorkersOnce extends JobWorkerAnnotationProcessor {
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    WorkersOnce(JobWorkerManager manager, List<JobWorkerValueCustomizer> customizers) {
      super(manager, customizers);
    }

    @Override
    public void configureFor(BeanInfo beanInfo) {
      if (configured.add(beanInfo.getBeanName())) {
        super.configureFor(beanInfo);
      }
    }
  }
}
