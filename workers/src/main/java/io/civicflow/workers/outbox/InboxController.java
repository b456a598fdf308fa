package io.civicflow.workers.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The signed-in user's inbox for the console: {@code GET /api/inbox} (unread count and entries,
 * newest first), {@code POST /api/inbox/{id}/read}, and {@code GET}/{@code PUT /api/inbox/settings}
 * ({@code {"mailEnabled": false}} switches mail off for that user). Who is signed in is Camunda's
 * answer to the same credentials ({@code GET /v2/authentication/me}), on the embedded engine and on
 * a cluster alike; without valid credentials the answer is 401.
 */
@RestController
@RequestMapping("/api/inbox")
public class InboxController {

  private final Inbox inbox;
  private final InstantSource engineTime;
  private final RestClient camunda;

  public InboxController(
      Inbox inbox,
      InstantSource engineTime,
      @Value("${camunda.client.rest-address}") URI restAddress) {
    this.inbox = inbox;
    this.engineTime = engineTime;
    this.camunda = RestClient.builder().baseUrl(restAddress.toString()).build();
  }

  public record InboxView(long unread, List<InboxEntry> items) {}

  public record Settings(boolean mailEnabled) {}

  @GetMapping
  public ResponseEntity<?> inbox(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    String user = user(authorization);
    if (user == null) {
      return unauthorized();
    }
    List<InboxEntry> items = inbox.of(user);
    return ResponseEntity.ok(new InboxView(items.stream().filter(e -> !e.read()).count(), items));
  }

  @PostMapping("/{id}/read")
  public ResponseEntity<?> read(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String id) {
    String user = user(authorization);
    if (user == null) {
      return unauthorized();
    }
    if (!inbox.markRead(user, id, engineTime.instant())) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No notification " + id);
      problem.setTitle("NOT_FOUND");
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/settings")
  public ResponseEntity<?> settings(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    String user = user(authorization);
    return user == null ? unauthorized() : ResponseEntity.ok(new Settings(inbox.mailEnabled(user)));
  }

  @PutMapping("/settings")
  public ResponseEntity<?> changeSettings(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody Settings settings) {
    String user = user(authorization);
    if (user == null) {
      return unauthorized();
    }
    inbox.setMailEnabled(user, settings.mailEnabled());
    return ResponseEntity.ok(new Settings(inbox.mailEnabled(user)));
  }

  /** The user name Camunda gives these credentials; null if it refuses them. */
  private String user(String authorization) {
    try {
      JsonNode me =
          camunda
              .get()
              .uri("/v2/authentication/me")
              .headers(
                  h -> {
                    if (authorization != null) {
                      h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                  })
              .retrieve()
              .body(JsonNode.class);
      String username = me == null ? null : me.path("username").asText(null);
      return username == null || username.isBlank() ? null : username;
    } catch (HttpClientErrorException e) {
      return null;
    }
  }

  private static ResponseEntity<ProblemDetail> unauthorized() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Sign in to see your inbox");
    problem.setTitle("UNAUTHORIZED");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
  }
}
