package io.civicflow.engine.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** How the gateway answers a unary call: a command's outcome, or {@code UNIMPLEMENTED}. */
final class UnaryCalls {

  private UnaryCalls() {}

  /**
   * A unary command: the request is read (refusals become statuses), the engine answers, and the
   * answer is rendered; failures at any step reach the client as the matching status.
   */
  static <T, R> void answer(
      String rpc,
      StreamObserver<R> observer,
      Supplier<CompletableFuture<T>> command,
      Function<T, R> render) {
    CompletableFuture<T> future;
    try {
      future = command.get();
    } catch (RuntimeException refused) {
      observer.onError(GrpcStatuses.of(rpc, refused));
      return;
    }
    future.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            observer.onError(GrpcStatuses.of(rpc, failure));
            return;
          }
          R response;
          try {
            response = render.apply(value);
          } catch (RuntimeException bug) {
            observer.onError(GrpcStatuses.of(rpc, bug));
            return;
          }
          observer.onNext(response);
          observer.onCompleted();
        });
  }

  static void unsupported(StreamObserver<?> observer, String what) {
    observer.onError(
        Status.UNIMPLEMENTED
            .withDescription(
                what
                    + " is not supported by the CivicFlow engine (engine/README.md, Compatibility)")
            .asRuntimeException());
  }
}
