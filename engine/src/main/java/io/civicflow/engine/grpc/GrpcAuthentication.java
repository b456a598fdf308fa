package io.civicflow.engine.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic credentials in the call metadata ({@code authorization: Basic …}, as Camunda's clients
 * send them with basic authentication configured), checked by the same authenticator as the REST
 * API. No or wrong credentials close the call with {@code UNAUTHENTICATED} before it reaches the
 * engine.
 */
final class GrpcAuthentication implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(GrpcAuthentication.class);

  private final Predicate<String> authorizationHeaderAccepted;

  GrpcAuthentication(Predicate<String> authorizationHeaderAccepted) {
    this.authorizationHeaderAccepted = authorizationHeaderAccepted;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(AUTHORIZATION);
    if (authorization != null && authorizationHeaderAccepted.test(authorization)) {
      return next.startCall(call, headers);
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
}
