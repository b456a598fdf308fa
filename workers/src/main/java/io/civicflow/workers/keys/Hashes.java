package io.civicflow.workers.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short stable identifiers: the first hex digits of a SHA-256. */
public final class Hashes {

  private Hashes() {}

  /** The first {@code digits} lower-case hex digits of the SHA-256 of {@code text} (UTF-8). */
  public static String sha256Hex(String text, int digits) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, digits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
