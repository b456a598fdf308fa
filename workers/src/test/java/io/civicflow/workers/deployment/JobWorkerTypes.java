package io.civicflow.workers.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.type.MethodMetadata;

/**
 * The job types the application handles: every {@code @JobWorker} method in classes under {@code
 * io.civicflow.workers} compiled from {@code src/main} (test doubles do not count), read from the
 * class files with Spring's metadata reader, without starting a context. As the Camunda Spring
 * starter does, a worker without a {@code type} handles the job type named like its method.
 */
final class JobWorkerTypes {

  private static final String BASE_PACKAGE = "io.civicflow.workers";
  private static final List<String> JOB_WORKER_ANNOTATIONS =
      List.of(
          "io.camunda.client.annotation.JobWorker",
          // the starter's deprecated alias, still honoured by 8.8
          "io.camunda.zeebe.spring.client.annotation.JobWorker");

  private JobWorkerTypes() {}

  /** Job type → the enabled worker methods ({@code Class#method}) that handle it. */
  static Map<String, List<String>> inApplication() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(
        (reader, factory) ->
            JOB_WORKER_ANNOTATIONS.stream()
                .anyMatch(reader.getAnnotationMetadata()::hasAnnotatedMethods));

    Map<String, List<String>> workers = new TreeMap<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
      if (isTestClass(candidate)) {
        continue;
      }
      AnnotatedBeanDefinition annotated = (AnnotatedBeanDefinition) candidate;
      for (String annotation : JOB_WORKER_ANNOTATIONS) {
        for (MethodMetadata method : annotated.getMetadata().getAnnotatedMethods(annotation)) {
          Map<String, Object> attributes = method.getAnnotationAttributes(annotation);
          if (attributes == null || Boolean.FALSE.equals(attributes.get("enabled"))) {
            continue;
          }
          String type = (String) attributes.get("type");
          if (type == null || type.isEmpty()) {
            type = method.getMethodName();
          }
          workers
              .computeIfAbsent(type, t -> new ArrayList<>())
              .add(simpleName(candidate.getBeanClassName()) + "#" + method.getMethodName());
        }
      }
    }
    return workers;
  }

  private static boolean isTestClass(BeanDefinition candidate) {
    Resource resource =
        candidate instanceof AbstractBeanDefinition definition ? definition.getResource() : null;
    return resource != null && resource.getDescription().contains("test-classes");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
