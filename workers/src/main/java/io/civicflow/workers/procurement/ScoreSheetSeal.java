package io.civicflow.workers.procurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals a committee member's score sheet before it leaves the member's own scope (87号令 Art 62: each
 * member scores independently), so that the process's variables — which colleagues' tasks and
 * process readers can see — hold only ciphertext until {@code procurement.rank-bids} opens them all
 * at once. AES-256-GCM; the project number and the member's sealed seat are the associated data, so
 * a sealed sheet cannot be passed off as another member's or another project's.
 *
 * <p>The key is {@code civicflow.procurement.score-sheet-key} (Base64, 32 bytes). Without one a
 * random key is made at start and a warning logged: sheets sealed before a restart then cannot be
 * opened (the ranking job fails with an incident that names the property).
 */
public final class ScoreSheetSeal {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreSheetSeal.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private ScoreSheetSeal(SecretKey key) {
    this.key = key;
  }

  /**
   * @param base64Key 32 bytes in Base64, or blank for a random key that lives as long as this
   *     process
   */
  public static ScoreSheetSeal withKey(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      LOG.warn(
          "civicflow.procurement.score-sheet-key is not set: score sheets are sealed with a key"
              + " made at start; sheets sealed before a restart cannot be ranked after it");
      try {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return new ScoreSheetSeal(generator.generateKey());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES is not available", e);
      }
    }
    byte[] bytes = Base64.getDecoder().decode(base64Key.trim());
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "civicflow.procurement.score-sheet-key must be 32 bytes in Base64, not " + bytes.length);
    }
    return new ScoreSheetSeal(new SecretKeySpec(bytes, "AES"));
  }

  /**
   * A sheet as it travels through the process: the member's sealed seat ({@link #sealSeat}), never
   * the member in clear, and the sealed sheet (member and scores), bound to the project and seat.
   */
  public record SealedSheet(String seat, String sealed) {}

  /** The label of a sealed committee seat. */
  static final String SEAT = "panelSeat";

  /**
   * Seals one committee seat: who sits on it, bound to the project. The unit's process carries only
   * sealed seats, so no one reading its variables learns who was drawn before the award (评审专家名单
   * 在评审结果确定前应当保密); the scoring task's listener opens its seat to assign it.
   */
  public String sealSeat(String projectNo, PanelMember member) {
    return sealRecord(projectNo, SEAT, member);
  }

  /** Opens a seat {@link #sealSeat} sealed. */
  public PanelMember openSeat(String projectNo, String seat) {
    return openRecord(projectNo, SEAT, seat, PanelMember.class);
  }

  /** Seals a member's sheet for the seat they sit on ({@link #sealSeat}). */
  public SealedSheet seal(String projectNo, String seat, ScoreSheet sheet) {
    Objects.requireNonNull(projectNo, "projectNo");
    Objects.requireNonNull(seat, "seat");
    try {
      return new SealedSheet(
          seat, encrypt(JSON.writeValueAsBytes(sheet), associatedData(projectNo, seat)));
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("Could not seal the score sheet of " + sheet.member(), e);
    }
  }

  /**
   * @throws IllegalStateException if the sheet was sealed with another key, for another project or
   *     seat, or changed
   */
  public ScoreSheet open(String projectNo, SealedSheet sheet) {
    try {
      return JSON.readValue(
          decrypt(sheet.sealed(), associatedData(projectNo, sheet.seat())), ScoreSheet.class);
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "A sealed score sheet for "
              + projectNo
              + " cannot be opened (another civicflow.procurement.score-sheet-key, or changed)",
          e);
    }
  }

  /**
   * Seals another confidential record of the evaluation (the panel draw: who was recused, who was
   * drawn), bound to the project and {@code label}, until it may be disclosed.
   */
  public String sealRecord(String projectNo, String label, Object record) {
    Objects.requireNonNull(projectNo, "projectNo");
    try {
      return encrypt(JSON.writeValueAsBytes(record), associatedData(projectNo, "#" + label));
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("Could not seal the " + label + " of " + projectNo, e);
    }
  }

  /**
   * Opens what {@link #sealRecord} sealed.
   *
   * @throws IllegalStateException if sealed with another key, for another project or label, or
   *     changed
   */
  public <T> T openRecord(String projectNo, String label, String sealed, Class<T> type) {
    try {
      return JSON.readValue(decrypt(sealed, associatedData(projectNo, "#" + label)), type);
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "The sealed " + label + " of " + projectNo + " cannot be opened", e);
    }
  }

  private String encrypt(byte[] plain, byte[] associatedData) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance(CIPHER);
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData);
    byte[] sealed = cipher.doFinal(plain);
    return Base64.getEncoder()
        .encodeToString(
            ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  private byte[] decrypt(String sealed, byte[] associatedData) throws GeneralSecurityException {
    byte[] all = Base64.getDecoder().decode(sealed);
    Cipher cipher = Cipher.getInstance(CIPHER);
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
    cipher.updateAAD(associatedData);
    return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
  }

  private static byte[] associatedData(String projectNo, String member) {
    return (projectNo + "\n" + member).getBytes(StandardCharsets.UTF_8);
  }
}
