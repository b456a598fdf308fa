package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.CorrelatedMessageSubscriptionSearch.CorrelatedMessageSubscriptionResult;
import io.civicflow.engine.web.v2.MessageSubscriptionSearch.MessageSubscriptionResult;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages and signals: publishing (buffered for its time to live), correlating (to a waiting
 * subscription or a message start event, never buffered; 404 when nothing waits), broadcasting a
 * signal; and the searches over message subscriptions and their correlation history.
 */
@RestController
@RequestMapping("/v2")
public class MessageController {

  private final EngineApi engine;

  public MessageController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /**
   * {@code correlationKey} defaults to "" (the Java client sends "" for none), {@code timeToLive}
   * to 0 ms.
   */
  public record MessagePublicationRequest(
      String name,
      String correlationKey,
      Long timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {}

  public record MessagePublicationResult(String tenantId, long messageKey) {}

  public record MessageCorrelationRequest(
      String name, String correlationKey, Map<String, Object> variables, String tenantId) {}

  public record MessageCorrelationResult(
      String tenantId, long messageKey, long processInstanceKey) {}

  public record SignalBroadcastRequest(
      String signalName, Map<String, Object> variables, String tenantId) {}

  public record SignalBroadcastResult(String tenantId, long signalKey) {}

  @PostMapping("/messages/publication")
  public MessagePublicationResult publish(@RequestBody MessagePublicationRequest body) {
    PublishMessage command =
        new PublishMessage(
            Requests.requireText(body.name(), "name"),
            body.correlationKey() == null ? "" : body.correlationKey(),
            body.timeToLive() == null ? 0 : body.timeToLive(),
            body.messageId(),
            Requests.variables(body.variables()),
            Commands.tenantOrDefault(body.tenantId()));
    MessagePublished published = Answers.await(engine.publishMessage(command));
    return new MessagePublicationResult(published.tenantId(), published.messageKey());
  }

  @PostMapping("/messages/correlation")
  public MessageCorrelationResult correlate(@RequestBody MessageCorrelationRequest body) {
    CorrelateMessage command =
        new CorrelateMessage(
            Requests.requireText(body.name(), "name"),
            body.correlationKey() == null ? "" : body.correlationKey(),
            Requests.variables(body.variables()),
            Commands.tenantOrDefault(body.tenantId()));
    MessageCorrelated correlated = Answers.await(engine.correlateMessage(command));
    return new MessageCorrelationResult(
        correlated.tenantId(), correlated.messageKey(), correlated.processInstanceKey());
  }

  @PostMapping("/signals/broadcast")
  public SignalBroadcastResult broadcast(@RequestBody SignalBroadcastRequest body) {
    BroadcastSignal command =
        new BroadcastSignal(
            Requests.requireText(body.signalName(), "signalName"),
            Requests.variables(body.variables()),
            Commands.tenantOrDefault(body.tenantId()));
    SignalBroadcast broadcast = Answers.await(engine.broadcastSignal(command));
    return new SignalBroadcastResult(broadcast.tenantId(), broadcast.signalKey());
  }

  @PostMapping("/message-subscriptions/search")
  public SearchResult<MessageSubscriptionResult> searchSubscriptions(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(MessageSubscriptionSearch.INSTANCE, query, engine.readModel());
  }

  @PostMapping("/correlated-message-subscriptions/search")
  public SearchResult<CorrelatedMessageSubscriptionResult> searchCorrelations(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(CorrelatedMessageSubscriptionSearch.INSTANCE, query, engine.readModel());
  }
}
