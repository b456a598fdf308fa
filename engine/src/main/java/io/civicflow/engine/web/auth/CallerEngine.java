package io.civicflow.engine.web.auth;

import io.civicflow.engine.access.EngineAccess;
import io.civicflow.engine.api.EngineApi;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The engine the REST controllers talk to: on each call, the engine as the current request's caller
 * may use it ({@link EngineAccess#as}, from the {@link Identity} {@link EngineAuthFilter}
 * attached). So every controller is under the one authorization check without code of its own; a
 * call outside a request, or of a request the filter did not pass, is refused as unauthenticated.
 */
public final class CallerEngine {

  private static final String ATTRIBUTE = CallerEngine.class.getName();
  private static final java.util.Set<String> UNGUARDED =
      java.util.Set.of("topology", "clock", "yieldJobs");

  private final EngineApi api;

  public CallerEngine(EngineAccess access) {
    this.api =
        (EngineApi)
            Proxy.newProxyInstance(
                EngineApi.class.getClassLoader(),
                new Class<?>[] {EngineApi.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return objectMethod(proxy, method, args);
                  }
                  if (UNGUARDED.contains(method.getName())) {
                    // the cluster's topology and clock name no resource (open to anyone: status);
                    // giving back jobs activated for a caller that went away is no new right, and
                    // happens after its request (on the engine's thread)
                    return method.invoke(access.engine(), args);
                  }
                  try {
                    return method.invoke(current(access), args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /** The engine for the request being handled, whoever sent it. */
  public EngineApi api() {
    return api;
  }

  private static EngineApi current(EngineAccess access) {
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    if (request.getAttribute(ATTRIBUTE) instanceof EngineApi engine) {
      return engine;
    }
    EngineApi engine = access.as(Identity.of(request));
    request.setAttribute(ATTRIBUTE, engine);
    return engine;
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "CallerEngine";
    };
  }
}
