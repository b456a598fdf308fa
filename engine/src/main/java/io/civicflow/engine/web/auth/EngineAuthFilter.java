package io.civicflow.engine.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.web.error.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication in front of the engine's REST API and management endpoints, with the
 * problem answers Camunda's clients parse:
 *
 * <ul>
 *   <li>no or wrong credentials → 401 {@code UNAUTHORIZED}, {@code WWW-Authenticate: Basic
 *       realm="civicflow"} (not for a page's script, see {@link #REQUESTED_WITH});
 *   <li>a management endpoint (other than health) for a user outside group {@value
 *       Identity#ADMIN_GROUP} → 403 {@code FORBIDDEN};
 *   <li>too many failed log-ins from the client's address or for the user ({@link LoginThrottle}) →
 *       429 {@code TOO_MANY_REQUESTS} with {@code Retry-After}, before any password check.
 * </ul>
 *
 * Open without credentials: {@code GET /v2/status} (as in Camunda, for load balancers), document
 * links ({@code /v2/document-links/}, signed and expiring) and the management {@code health}
 * endpoint (probes, the compose health check). Paths outside {@code /v2} and the management base
 * path belong to the embedding application and pass untouched. With authentication switched off
 * every covered request runs as {@link Identity#ANONYMOUS_ADMIN}. What a user may see and do is
 * decided by the engine's access check ({@code io.civicflow.engine.access.AccessCheck}).
 */
public final class EngineAuthFilter extends OncePerRequestFilter {

  /** What a path needs. */
  public enum Access {
    /** not the engine's: pass untouched */
    NONE,
    OPEN,
    USER,
    ADMIN
  }

  /** Decides what a path (servlet path, normalised, without the context path) needs. */
  @FunctionalInterface
  public interface Rules {
    Access accessFor(String path);

    /** {@code /v2/**} and, when it is served by the same server, the management base path. */
    static Rules restApi(String managementBasePath) {
      return path -> {
        if (path.equals("/v2/status")) {
          return Access.OPEN;
        }
        // documents: a signed, expiring link is its own credential (DocumentController)
        if (path.startsWith("/v2/document-links/")) {
          return Access.OPEN;
        }
        if (path.equals("/v2") || path.startsWith("/v2/")) {
          return Access.USER;
        }
        return managementBasePath == null
            ? Access.NONE
            : management(managementBasePath).accessFor(path);
      };
    }

    /** The management endpoints: health is open, everything else needs an admin. */
    static Rules management(String basePath) {
      String base =
          basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
      return path -> {
        if (path.equals(base + "/health") || path.startsWith(base + "/health/")) {
          return Access.OPEN;
        }
        if (base.isEmpty() || path.equals(base) || path.startsWith(base + "/")) {
          return Access.ADMIN;
        }
        return Access.NONE;
      };
    }
  }

  public static final String REALM = "civicflow";

  /**
   * A page's script marks its requests so ({@code X-Requested-With: XMLHttpRequest}, the usual
   * convention) and gets its 401 without the challenge: the browser then leaves the log-in to the
   * page instead of opening its own dialog.
   */
  static final String REQUESTED_WITH = "X-Requested-With";

  static final String SCRIPT = "XMLHttpRequest";

  private static final Logger LOG = LoggerFactory.getLogger(EngineAuthFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authenticator authenticator;
  private final Rules rules;

  /**
   * @param authenticator the users, or {@code null} when authentication is switched off
   */
  public EngineAuthFilter(Authenticator authenticator, Rules rules) {
    this.authenticator = authenticator;
    this.rules = rules;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Access access = rules.accessFor(path(request));
    if (access == Access.NONE) {
      chain.doFilter(request, response);
      return;
    }
    if (authenticator == null) {
      chain.doFilter(Identity.ANONYMOUS_ADMIN.attachTo(request), response);
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (access == Access.OPEN) {
      // open to everyone; whoever sends valid credentials is known to it (health shows its
      // details to administrators only), wrong ones are simply not
      Optional<Identity> known = Optional.empty();
      try {
        if (header != null) {
          known = authenticator.authenticateHeader(header, request.getRemoteAddr());
        }
      } catch (LoginThrottledException throttled) {
        // a probe is never refused; it is just not known
      }
      chain.doFilter(known.isPresent() ? known.get().attachTo(request) : request, response);
      return;
    }
    Optional<Identity> identity;
    try {
      identity = authenticator.authenticateHeader(header, request.getRemoteAddr());
    } catch (LoginThrottledException throttled) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
      problem(request, response, "TOO_MANY_REQUESTS", 429, throttled.getMessage());
      return;
    }
    if (identity.isEmpty()) {
      if (header != null) {
        LOG.info(
            "Rejected credentials for {} {} from {}",
            request.getMethod(),
            request.getRequestURI(),
            request.getRemoteAddr());
      }
      if (!SCRIPT.equalsIgnoreCase(request.getHeader(REQUESTED_WITH))) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
      }
      problem(
          request,
          response,
          RejectionType.UNAUTHORIZED,
          header == null
              ? "Authentication required: send HTTP Basic credentials"
              : "Wrong user name or password");
      return;
    }
    if (access == Access.ADMIN && !identity.get().isAdmin()) {
      problem(
          request,
          response,
          RejectionType.FORBIDDEN,
          "User '"
              + identity.get().username()
              + "' may not use the management endpoints (group '"
              + Identity.ADMIN_GROUP
              + "' only)");
      return;
    }
    chain.doFilter(identity.get().attachTo(request), response);
  }

  private static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  private static void problem(
      HttpServletRequest request, HttpServletResponse response, RejectionType type, String detail)
      throws IOException {
    problem(request, response, type.name(), type.httpStatus(), detail);
  }

  private static void problem(
      HttpServletRequest request,
      HttpServletResponse response,
      String title,
      int status,
      String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(
        response.getOutputStream(), Problem.of(title, status, detail, request.getRequestURI()));
  }
}
