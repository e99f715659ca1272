package io.fleetjobs.sim;

import io.fleetjobs.contract.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The link of a device that has no credential yet: its first connect enrols it ({@link Enroller}), hands the issued
 * secret to the fleet's listener, and from then on the device is an ordinary MQTT device whose link is made with that
 * secret; every later connect, reconnect and churn goes straight to that link.
 */
final class EnrollingLink implements DeviceLink {

  private final String id;
  private final Supplier<CompletableFuture<String>> enrol;
  private final Function<String, DeviceLink> linkWithSecret;
  private final BiConsumer<String, String> enrolled;
  private volatile DeviceLink link;
  private CompletableFuture<DeviceLink> made; // guarded by this

  EnrollingLink(String id, Supplier<CompletableFuture<String>> enrol, Function<String, DeviceLink> linkWithSecret,
      BiConsumer<String, String> enrolled) {
    this.id = id;
    this.enrol = enrol;
    this.linkWithSecret = linkWithSecret;
    this.enrolled = enrolled;
  }

  /** The first connect enrols (a failed enrolment is tried again on the next connect); every connect then connects. */
  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<DeviceLink> ready;
    synchronized (this) {
      if (made == null || made.isCompletedExceptionally()) {
        made = enrol.get().thenApply(secret -> {
          enrolled.accept(id, secret);
          DeviceLink l = linkWithSecret.apply(secret);
          link = l;
          return l;
        });
      }
      ready = made;
    }
    return ready.thenCompose(DeviceLink::connect);
  }

  @Override
  public CompletableFuture<Void> drop() {
    DeviceLink l = link;
    return l == null ? CompletableFuture.completedFuture(null) : l.drop();
  }

  @Override
  public CompletableFuture<Void> close() {
    DeviceLink l = link;
    return l == null ? CompletableFuture.completedFuture(null) : l.close();
  }

  @Override
  public CompletableFuture<Void> send(Channel channel, byte[] payload) {
    DeviceLink l = link;
    return l == null ? CompletableFuture.failedFuture(new IllegalStateException(id + " has not enrolled yet")) : l.send(channel, payload);
  }
}
