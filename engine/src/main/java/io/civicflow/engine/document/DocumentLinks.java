package io.civicflow.engine.document;

import io.civicflow.engine.journal.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the document store's links: a token is the base64url payload ({@code documentId
 * \n contentHash \n expiresAtMillis}), a dot and the base64url HMAC-SHA256 of the payload under the
 * store's {@code link-key} (kept on disk, so links survive a restart).
 */
final class DocumentLinks {

  private static final String HMAC = "HmacSHA256";

  private final byte[] key;

  /** What a valid token names; its expiry is still to be checked against the engine clock. */
  record Target(String documentId, String contentHash, long expiresAtMillis) {}

  private DocumentLinks(byte[] key) {
    this.key = key;
  }

  /**
   * The links of the store in {@code directory}: its {@code link-key}, created (durably, through
   * {@code upload}) when there is none yet.
   */
  static DocumentLinks open(Path directory, Path upload) throws IOException {
    Path key = directory.resolve("link-key");
    if (Files.exists(key)) {
      byte[] bytes = Files.readAllBytes(key);
      if (bytes.length >= 32) {
        return new DocumentLinks(bytes);
      }
      throw new IOException("The link key " + key + " is shorter than 32 bytes");
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    Path temp = upload.resolve("link-key.tmp");
    Files.deleteIfExists(temp);
    DocumentFiles.writeDurably(temp, bytes);
    try {
      Files.move(temp, key, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      return new DocumentLinks(Files.readAllBytes(key));
    }
    DurableFiles.syncDirectory(directory);
    return new DocumentLinks(bytes);
  }

  /** The signed token for a document's content, valid until {@code expiresAtMillis}. */
  String token(Object documentId, Object contentHash, long expiresAtMillis) {
    String payload = documentId + "\n" + contentHash + "\n" + expiresAtMillis;
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(sign(payload));
  }

  /**
   * What a token names.
   *
   * @throws DocumentException 403 for a malformed or tampered token
   */
  Target parse(String token) {
    int dot = token.indexOf('.');
    String payload;
    byte[] signature;
    try {
      if (dot < 0) {
        throw new IllegalArgumentException("no signature");
      }
      payload =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw DocumentException.forbidden("The document link is not valid");
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      throw DocumentException.forbidden("The document link is not valid");
    }
    String[] fields = payload.split("\n", -1);
    return new Target(fields[0], fields[1], Long.parseLong(fields[2]));
  }

  private byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
