package io.civicflow.engine.web.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed log-ins slow down who keeps failing, so that guessing passwords neither costs everyone
 * else BCrypt time nor goes fast. Two counts, each forgiven after {@link #QUIET} without a failure
 * and reset by a success:
 *
 * <ul>
 *   <li><b>per client address</b> (weighs more): after {@value #FREE_PER_ADDRESS} failures, every
 *       further one bars the address for 1 s, 2 s, 4 s … up to {@link #ADDRESS_CAP};
 *   <li><b>per user name</b> (any address): after {@value #FREE_PER_USER} failures, 1 s, 2 s … up
 *       to only {@link #USER_CAP}, so that failures spread over many addresses cannot lock a user
 *       out for long — and a user whose password was verified before still gets in at once ({@link
 *       Authenticator} checks that without BCrypt).
 * </ul>
 *
 * Loopback addresses are not counted per address: the engine listens on 127.0.0.1 by default, so
 * they are this machine's own clients or a reverse proxy in front of it, and barring them would bar
 * everyone (behind a proxy, {@code server.forward-headers-strategy} gives the clients' own
 * addresses). A barred attempt is refused before any password check and does not count as a
 * failure. Only known user names are counted per user, so the memory is bounded by the users file
 * and, per address, by forgetting quiet addresses.
 */
final class LoginThrottle {

  static final int FREE_PER_ADDRESS = 5;
  static final int FREE_PER_USER = 10;
  static final Duration ADDRESS_CAP = Duration.ofMinutes(15);
  static final Duration USER_CAP = Duration.ofSeconds(30);
  static final Duration QUIET = Duration.ofMinutes(15);
  private static final int TIDY_ABOVE = 10_000;

  private final LongSupplier nanos;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

  /**
   * @param nanos a monotonic time source ({@code System::nanoTime}); tests pass their own
   */
  LoginThrottle(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** How long the address is barred now (zero if it is not). */
  Duration addressBarredFor(String address) {
    return barredFor(counted(address) ? byAddress.get(address) : null);
  }

  private static boolean counted(String address) {
    return address != null
        && !address.equals("::1")
        && !address.equals("0:0:0:0:0:0:0:1")
        && !address.startsWith("127.");
  }

  /** How long the user name is barred now (zero if it is not). */
  Duration userBarredFor(String username) {
    return barredFor(byUser.get(username));
  }

  void failed(String address, String username, boolean knownUser) {
    long now = nanos.getAsLong();
    if (counted(address)) {
      count(byAddress, address, FREE_PER_ADDRESS, ADDRESS_CAP, now);
      if (byAddress.size() > TIDY_ABOVE) {
        byAddress.values().removeIf(f -> now - f.lastFailure > QUIET.toNanos());
      }
    }
    if (knownUser) {
      count(byUser, username, FREE_PER_USER, USER_CAP, now);
    }
  }

  void succeeded(String address, String username) {
    if (address != null) {
      byAddress.remove(address);
    }
    byUser.remove(username);
  }

  private Duration barredFor(Failures failures) {
    if (failures == null) {
      return Duration.ZERO;
    }
    long left = failures.barredUntil - nanos.getAsLong();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  private static void count(
      Map<String, Failures> counts, String key, int free, Duration cap, long now) {
    counts.compute(
        key,
        (k, f) -> {
          int count = f == null || now - f.lastFailure > QUIET.toNanos() ? 1 : f.count + 1;
          long bar = 0;
          if (count > free) {
            int doublings = Math.min(count - free - 1, 30);
            bar = Math.min(cap.toNanos(), Duration.ofSeconds(1).toNanos() << doublings);
          }
          return new Failures(count, now, now + bar);
        });
  }

  private record Failures(int count, long lastFailure, long barredUntil) {}
}
