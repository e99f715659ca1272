package io.fleetjobs.sim;

import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.PendingExecutions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CoAP device's observation of its {@code pending} resource, kept alive by CONTRACT.md §12's rule: every answer and
 * notification carries a Max-Age, and when it passes without a fresh one the service may have lost the observation
 * and the DTLS session with it (a restart), so the device observes again over a new handshake. A failed or refused
 * observe is retried; {@link #again} observes again at once (a presence answered 2.01).
 */
final class PendingObservation {

  private static final Logger LOG = LoggerFactory.getLogger(PendingObservation.class);
  /** Past a notification's Max-Age, how long to wait for a late refresh before observing again. */
  static final long GRACE_MILLIS = 1_000;
  /** How long to wait before observing again after an observe request failed or was answered without Observe. */
  static final long RETRY_MILLIS = 5_000;

  private final String deviceId;
  private final Supplier<CoapClient> client;
  private final Runnable newHandshake;
  private final boolean dtls;
  private final ScheduledExecutorService scheduler;
  private final Consumer<PendingExecutions> onPending;
  /** Which observe request is the current one: answers to older ones are ignored. */
  private final AtomicInteger attempt = new AtomicInteger();
  private volatile CoapObserveRelation relation;
  private volatile ScheduledFuture<?> renewal;
  private volatile boolean active;

  /** {@code client} makes a client for the resource; {@code newHandshake} makes the next request start one. */
  PendingObservation(String deviceId, Supplier<CoapClient> client, boolean dtls, Runnable newHandshake, ScheduledExecutorService scheduler,
      Consumer<PendingExecutions> onPending) {
    this.deviceId = deviceId;
    this.client = client;
    this.dtls = dtls;
    this.newHandshake = newHandshake;
    this.scheduler = scheduler;
    this.onPending = onPending;
  }

  /** Observes; {@code ready} completes with the first answer, or fails if the observe request does. */
  void start(CompletableFuture<Void> ready) {
    active = true;
    observe(ready, false);
  }

  /** Observes again now, with a new observe request (the old relation is forgotten). */
  void again(boolean overNewHandshake) {
    if (active) {
      forget();
      observe(null, overNewHandshake);
    }
  }

  /** Stops observing: {@code tellService} sends a cancel, otherwise the service learns of it at its next notification. */
  void stop(boolean tellService) {
    active = false;
    attempt.incrementAndGet();
    replaceRenewal(null);
    CoapObserveRelation current = relation;
    if (current != null) {
      if (tellService) {
        current.proactiveCancel();
      } else {
        current.reactiveCancel();
      }
    }
  }

  private void observe(CompletableFuture<Void> ready, boolean overNewHandshake) {
    if (overNewHandshake) {
      newHandshake.run();
    }
    int mine = attempt.incrementAndGet();
    Request request = Request.newGet();
    request.setObserve();
    if (dtls) {
      DtlsRecovery.handshakeWhenUnanswered(request);
    }
    relation = client.get().observe(request, new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        if (ready != null) {
          ready.complete(null);
        }
        if (!active || mine != attempt.get()) {
          return;
        }
        long maxAgeMillis = TimeUnit.SECONDS.toMillis(response.getOptions().getMaxAge());
        if (!response.isSuccess()) {
          renewIn(maxAgeMillis, false); // 4.29 and 5.03 say in Max-Age when to try again
          return;
        }
        renewIn(response.getOptions().hasObserve() ? maxAgeMillis + GRACE_MILLIS : RETRY_MILLIS, response.getOptions().hasObserve());
        try {
          onPending.accept(ContractJson.decode(response.getPayload(), PendingExecutions.class));
        } catch (ContractViolation e) {
          LOG.warn("Device {} got a pending list that breaks the contract: {}", deviceId, e.getMessage());
        }
      }

      @Override
      public void onError() {
        if (ready != null) {
          ready.completeExceptionally(new IllegalStateException("device " + deviceId + " could not observe its pending work"));
        }
        if (active && mine == attempt.get()) {
          renewIn(RETRY_MILLIS, true);
        }
      }
    });
  }

  /** Observes again after {@code millis}, unless an answer or notification comes first. */
  private void renewIn(long millis, boolean overNewHandshake) {
    int current = attempt.get();
    replaceRenewal(scheduler.schedule(() -> {
      if (active && current == attempt.get()) {
        LOG.debug("Device {} observes again: no fresh notification", deviceId);
        forget();
        observe(null, overNewHandshake);
      }
    }, millis, TimeUnit.MILLISECONDS));
  }

  /** Forgets the current relation: a notification of it that still comes is answered with a reset, ending it. */
  private void forget() {
    CoapObserveRelation old = relation;
    if (old != null) {
      old.reactiveCancel();
    }
  }

  private void replaceRenewal(ScheduledFuture<?> next) {
    ScheduledFuture<?> previous = renewal;
    renewal = next;
    if (previous != null) {
      previous.cancel(false);
    }
  }
}
