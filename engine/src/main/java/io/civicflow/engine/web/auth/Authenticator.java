package io.civicflow.engine.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Checks HTTP Basic credentials against the users: the engine's identity state ({@link
 * IdentityUsers}), or a fixed map read from the users file.
 *
 * <p>BCrypt is slow on purpose (tens of milliseconds per check), and job workers send their
 * credentials with every poll and completion. So a successful check is remembered: per user, an
 * HMAC of the password under a key drawn at start-up and held only in memory. A later request with
 * the same password matches the HMAC (constant-time) instead of running BCrypt again; a wrong
 * password always pays for BCrypt, and an unknown user is checked against a dummy hash, so neither
 * guessing nor probing for user names gets cheaper or reveals which of the two was wrong. One
 * user's checks run one at a time, so the many requests a worker sends at once after a start cost
 * one BCrypt, not one each.
 *
 * <p>Failed log-ins are throttled per client address and per user name ({@link LoginThrottle}): a
 * barred attempt is refused with {@link LoginThrottledException} before BCrypt runs, except that a
 * user's password verified before is still accepted, so an attacker cannot lock out a working user.
 */
public final class Authenticator {

  private static final String HMAC = "HmacSHA256";

  private final UserDirectory users;
  private final BCryptPasswordEncoder bcrypt;
  private final String dummyHash;

  /**
   * Each request thread's HMAC under a key drawn at start-up (getting one costs more than using
   * it).
   */
  private final ThreadLocal<Mac> macs;

  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  /** What a user's BCrypt check holds (known users only, so at most one per user). */
  private final Map<String, Object> checking = new ConcurrentHashMap<>();

  private final LoginThrottle throttle;

  /** Checks against a fixed set of users (the users file as it was read). */
  public Authenticator(Map<String, User> users) {
    this(UserDirectory.of(users), System::nanoTime);
  }

  /** Checks against the users as they are at each request (the engine's identity state). */
  public Authenticator(UserDirectory users) {
    this(users, System::nanoTime);
  }

  Authenticator(Map<String, User> users, java.util.function.LongSupplier nanos) {
    this(UserDirectory.of(users), nanos);
  }

  /**
   * @param nanos the monotonic time the log-in throttle measures with (tests pass their own)
   */
  Authenticator(UserDirectory users, java.util.function.LongSupplier nanos) {
    this(users, nanos, new BCryptPasswordEncoder());
  }

  /**
   * @param bcrypt checks the passwords (tests count its checks)
   */
  Authenticator(
      UserDirectory users, java.util.function.LongSupplier nanos, BCryptPasswordEncoder bcrypt) {
    this.bcrypt = bcrypt;
    this.throttle = new LoginThrottle(nanos);
    this.users = users;
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    SecretKeySpec macKey = new SecretKeySpec(key, HMAC);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(macKey);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
              }
            });
    byte[] dummy = new byte[16];
    random.nextBytes(dummy);
    this.dummyHash = bcrypt.encode(Base64.getEncoder().encodeToString(dummy));
  }

  /**
   * The identity for an {@code Authorization} header value, or empty when it is not {@code Basic}
   * with a known user and the right password.
   */
  public Optional<Identity> authenticate(String authorizationHeader) {
    return authenticateHeader(authorizationHeader, null);
  }

  /**
   * The identity for an {@code Authorization} header value sent from a client address (null if
   * unknown), or empty when it is not {@code Basic} with a known user and the right password.
   *
   * @throws LoginThrottledException when the address or the user failed too often lately
   */
  public Optional<Identity> authenticateHeader(String authorizationHeader, String address) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), address);
  }

  public Optional<Identity> authenticate(String username, String password) {
    return authenticate(username, password, null);
  }

  private Optional<Identity> authenticate(String username, String password, String address) {
    User user = users.find(username).orElse(null);
    byte[] fingerprint = user == null ? null : fingerprint(user.passwordHash(), password);
    byte[] known = user == null ? null : verified.get(username);
    if (known != null && MessageDigest.isEqual(known, fingerprint)) {
      return Optional.of(user.identity());
    }
    Duration barred = throttle.addressBarredFor(address);
    if (!barred.isZero()) {
      throw new LoginThrottledException("from " + address, barred);
    }
    barred = throttle.userBarredFor(username);
    if (!barred.isZero()) {
      throw new LoginThrottledException("for user '" + username + "'", barred);
    }
    if (user == null) {
      bcrypt.matches(password, dummyHash);
      throttle.failed(address, username, false);
      return Optional.empty();
    }
    // one check per user at a time: the requests a client sends at once after a start all wait
    // for the first one's BCrypt instead of each running their own
    synchronized (checking.computeIfAbsent(username, u -> new Object())) {
      byte[] meanwhile = verified.get(username);
      if (meanwhile != null && MessageDigest.isEqual(meanwhile, fingerprint)) {
        return Optional.of(user.identity());
      }
      if (!bcrypt.matches(password, user.passwordHash())) {
        throttle.failed(address, username, true);
        return Optional.empty();
      }
      verified.put(username, fingerprint);
    }
    throttle.succeeded(address, username);
    return Optional.of(user.identity());
  }

  /**
   * The remembered proof of a checked password, bound to the hash it was checked against: a
   * password changed through {@code /v2/users} makes the old proof useless.
   */
  private byte[] fingerprint(String passwordHash, String password) {
    Mac mac = macs.get(); // doFinal leaves it ready for the next use
    mac.update(passwordHash.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
  }
}
