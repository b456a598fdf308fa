package io.civicflow.engine.grpc;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic credentials in the call metadata ({@code authorization: Basic …}, as Camunda's clients
 * send them with basic authentication configured), checked by the same authenticator as the REST
 * API. No or wrong credentials close the call with {@code UNAUTHENTICATED} before it reaches the
 * engine; too many failed log-ins from the client's address or for the user close it with {@code
 * RESOURCE_EXHAUSTED} before any password check. An accepted call runs with the engine as its
 * caller may use it in its context ({@link #CALLER_ENGINE}): the same authorization as over REST.
 */
final class GrpcAuthentication implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(GrpcAuthentication.class);

  /** The engine as the call's authenticated caller may use it. */
  static final Context.Key<EngineApi> CALLER_ENGINE = Context.key("civicflow-caller-engine");

  private final BiFunction<String, String, Optional<EngineApi>> authenticate;

  /**
   * @param authenticate the engine as the caller of an {@code authorization} value from a client
   *     address may use it, or empty when the value is not accepted; throws an {@link
   *     EngineRejection} when the client must wait (too many failed log-ins)
   */
  GrpcAuthentication(BiFunction<String, String, Optional<EngineApi>> authenticate) {
    this.authenticate = authenticate;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(AUTHORIZATION);
    try {
      Optional<EngineApi> caller =
          authorization == null
              ? Optional.empty()
              : authenticate.apply(authorization, address(call));
      if (caller.isPresent()) {
        return Contexts.interceptCall(
            Context.current().withValue(CALLER_ENGINE, caller.get()), call, headers, next);
      }
    } catch (EngineRejection throttled) {
      call.close(Status.RESOURCE_EXHAUSTED.withDescription(throttled.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (authorization != null) {
      LOG.info("Rejected credentials for gRPC {}", call.getMethodDescriptor().getFullMethodName());
    }
    call.close(
        Status.UNAUTHENTICATED.withDescription(
            authorization == null
                ? "Authentication required: send HTTP Basic credentials in the 'authorization' metadata"
                : "Wrong user name or password"),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static String address(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    return remote instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(remote);
  }
}
