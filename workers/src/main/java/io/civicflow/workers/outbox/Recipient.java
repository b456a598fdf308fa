package io.civicflow.workers.outbox;

/**
 * Someone a notification reaches: a user of the engine's identity (the users file on the embedded
 * engine, Camunda's identity on a cluster).
 *
 * @param userId the user name the console logs in with; the inbox is kept under it
 * @param displayName how a mail greets the user
 * @param email where a mail goes; null when the user has none (the inbox still gets it)
 */
public record Recipient(String userId, String displayName, String email) {

  public Recipient {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("A recipient needs a user id");
    }
    displayName = displayName == null || displayName.isBlank() ? userId : displayName;
    email = email == null || email.isBlank() ? null : email.trim();
  }
}
