package io.civicflow.engine.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed models by the SHA-256 of their content, least recently used dropped first. Parsing and
 * validating a model is the slow part of a deployment; the same content is deployed again and again
 * (every application start, every process test after a purge), and what parsing yields is
 * immutable.
 *
 * @param <V> the parsed form (immutable)
 */
public final class ParseCache<V> {

  /** Parses content that is not cached yet. */
  @FunctionalInterface
  public interface Parser<V> {
    V parse() throws InvalidModelException;
  }

  private final Map<String, V> entries;

  public ParseCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The parsed form of this content; only successful parses are kept. */
  public synchronized V get(byte[] content, Parser<V> parser) throws InvalidModelException {
    String key = checksum(content);
    V cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    V parsed = parser.parse();
    entries.put(key, parsed);
    return parsed;
  }

  public V get(String content, Parser<V> parser) throws InvalidModelException {
    return get(content.getBytes(StandardCharsets.UTF_8), parser);
  }

  public static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
