package io.civicflow.engine.grpc;

import io.civicflow.engine.api.EngineRejection;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic credentials in the call metadata ({@code authorization: Basic …}, as Camunda's clients
 * send them with basic authentication configured), checked by the same authenticator as the REST
 * API. No or wrong credentials close the call with {@code UNAUTHENTICATED} before it reaches the
 * engine; too many failed log-ins from the client's address or for the user close it with {@code
 * RESOURCE_EXHAUSTED} before any password check.
 */
final class GrpcAuthentication implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(GrpcAuthentication.class);

  private final BiPredicate<String, String> authorizationHeaderAccepted;

  /**
   * @param authorizationHeaderAccepted whether an {@code authorization} value from a client address
   *     is accepted; throws an {@link EngineRejection} when the client must wait (too many failed
   *     log-ins)
   */
  GrpcAuthentication(BiPredicate<String, String> authorizationHeaderAccepted) {
    this.authorizationHeaderAccepted = authorizationHeaderAccepted;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(AUTHORIZATION);
    try {
      if (authorization != null && authorizationHeaderAccepted.test(authorization, address(call))) {
        return next.startCall(call, headers);
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
