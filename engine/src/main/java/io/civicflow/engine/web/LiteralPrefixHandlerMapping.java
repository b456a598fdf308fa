package io.civicflow.engine.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping with a cheap first test. A path with a variable in it ({@code
 * /v2/jobs/{jobKey}/completion}, once per completed job) has no direct match, so Spring tests every
 * mapping's conditions in turn, ~180 of them here: 12 % of the engine's request handling in a
 * profile of the history benchmark. This answers "no match" at once for a mapping none of whose
 * patterns' literal beginnings (up to the first variable or wildcard) the path starts with, which
 * such a pattern cannot match, and leaves every other decision to Spring.
 */
final class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

  private static final String[] ANY = new String[0];

  private final Map<RequestMappingInfo, String[]> literals = new ConcurrentHashMap<>();

  /** The path being looked up on this thread (what the per-mapping test compares). */
  private final ThreadLocal<String> lookingUp = new ThreadLocal<>();

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
      throws Exception {
    lookingUp.set(lookupPath);
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      lookingUp.remove();
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    String path = lookingUp.get();
    String[] prefixes = literals.computeIfAbsent(info, LiteralPrefixHandlerMapping::prefixes);
    if (path != null && prefixes != ANY) {
      boolean possible = false;
      for (String prefix : prefixes) {
        if (path.startsWith(prefix)) {
          possible = true;
          break;
        }
      }
      if (!possible) {
        return null;
      }
    }
    return super.getMatchingMapping(info, request);
  }

  /**
   * The literal beginnings of a mapping's patterns, or {@link #ANY} when one has none (or the
   * mapping matches by other means than parsed patterns): then every path is possible.
   */
  static String[] prefixes(RequestMappingInfo info) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null || condition.getPatterns().isEmpty()) {
      return ANY;
    }
    List<String> prefixes = new ArrayList<>();
    for (PathPattern pattern : condition.getPatterns()) {
      String text = pattern.getPatternString();
      int end = text.length();
      for (char c : new char[] {'{', '*', '?'}) {
        int at = text.indexOf(c);
        if (at >= 0) {
          end = Math.min(end, at);
        }
      }
      if (end <= 1 || !text.startsWith("/")) {
        return ANY;
      }
      prefixes.add(text.substring(0, end));
    }
    return prefixes.toArray(String[]::new);
  }
}
