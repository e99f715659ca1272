package io.fleetjobs.sim;

import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.message.PendingExecutions;
import io.fleetjobs.contract.message.Presence;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.UdpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A constrained device's CoAP conversation, following the contract's CoAP mapping: POST its presence with a
 * lifetime (refreshed at half of it), observe its {@code pending} resource, GET each execution listed, POST updates
 * and properties. An error response carrying a ContractError (JSON) is handed to the device as if it came on its
 * error topic. Over DTLS ({@code coaps://}) the device has an endpoint of its own, made when it first connects and
 * destroyed when it closes; over plain CoAP it uses Californium's shared default endpoint.
 *
 * <p>It follows CONTRACT.md §12's rule for a service that lost its state (a restart): it observes {@code pending}
 * again when a notification's Max-Age passed without a fresh one ({@link PendingObservation}), or when a presence
 * refresh is answered 2.01 (the service holds no observation of it); and over DTLS a request unanswered after two
 * transmissions goes on over a new handshake ({@link DtlsRecovery}).
 */
final class CoapLink implements DeviceLink {

  private static final Logger LOG = LoggerFactory.getLogger(CoapLink.class);

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private final String id;
  private final Presence birth;
  private final String base;
  private final Supplier<Endpoint> endpoints;
  private final long lifetimeSeconds;
  private final ScheduledExecutorService scheduler;
  private final Listener listener;
  private final Set<String> fetching = ConcurrentHashMap.newKeySet();
  private final Set<String> canceledSeen = ConcurrentHashMap.newKeySet();
  private final PendingObservation observation;
  private volatile ScheduledFuture<?> refresh;
  private volatile boolean up;
  private volatile Endpoint endpoint;

  /** {@code endpoints} makes the device's own DTLS endpoint; null for plain CoAP. */
  CoapLink(String id, Presence birth, String host, int port, Supplier<Endpoint> endpoints, long lifetimeSeconds,
      ScheduledExecutorService scheduler, Listener listener) {
    this.id = id;
    this.birth = birth;
    this.endpoints = endpoints;
    this.base = (endpoints == null ? "coap://" : "coaps://") + host + ":" + port + "/";
    this.lifetimeSeconds = lifetimeSeconds;
    this.scheduler = scheduler;
    this.listener = listener;
    this.observation = new PendingObservation(id, () -> client(CoapPaths.path(id, CoapPaths.Resource.PENDING)), endpoints != null,
        () -> DtlsRecovery.newHandshake(endpoint), scheduler, this::onPending);
  }

  @Override
  public CompletableFuture<Void> connect() {
    if (endpoints != null && endpoint == null) {
      Endpoint fresh = endpoints.get();
      try {
        fresh.start();
      } catch (java.io.IOException e) {
        return CompletableFuture.failedFuture(e);
      }
      endpoint = fresh;
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    post(CoapPaths.path(id, CoapPaths.Resource.PRESENCE) + "?lifetime=" + lifetimeSeconds, ContractJson.encode(birth))
        .whenComplete((ok, error) -> {
          if (error != null || !ok) {
            ready.completeExceptionally(error != null ? error : new IllegalStateException("presence refused"));
            return;
          }
          up = true;
          listener.connected();
          observation.start(ready);
          long every = Math.max(1, lifetimeSeconds / 2);
          refresh = scheduler.scheduleWithFixedDelay(this::refreshPresence, every, every, TimeUnit.SECONDS);
        });
    return ready;
  }

  /** A presence answered 2.01 means the service holds no observation of ours (it restarted, or lost it): observe again. */
  private void refreshPresence() {
    request(Request.newPost(), CoapPaths.path(id, CoapPaths.Resource.PRESENCE) + "?lifetime=" + lifetimeSeconds, ContractJson.encode(birth))
        .thenAccept(response -> {
          if (up && response.getCode() == ResponseCode.CREATED) {
            LOG.debug("Device {} observes again: the service holds no observation of it", id);
            observation.again(false);
          }
        })
        .exceptionally(e -> null); // unanswered: the next refresh tries again
  }

  private void onPending(PendingExecutions pending) {
    for (String canceled : pending.canceled()) {
      if (canceledSeen.add(canceled)) {
        listener.canceled(canceled);
      }
    }
    for (PendingExecutions.Entry entry : pending.executions()) {
      if (fetching.add(entry.executionId())) {
        CoapClient client = client(CoapPaths.execution(id, entry.executionId()));
        Request get = Request.newGet();
        handshakeWhenUnanswered(get);
        client.advanced(new CoapHandler() {
          @Override
          public void onLoad(CoapResponse response) {
            fetching.remove(entry.executionId());
            if (up && response.getCode() == ResponseCode.CONTENT) {
              listener.message(Channel.EXECUTION, response.getPayload());
            }
            client.shutdown();
          }

          @Override
          public void onError() {
            fetching.remove(entry.executionId());
            client.shutdown();
          }
        }, get);
      }
    }
  }

  @Override
  public CompletableFuture<Void> drop() {
    up = false;
    stopRefreshing();
    observation.stop(false); // the service learns of it at its next notification, as from a vanished device
    listener.disconnected();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> close() {
    if (!up) {
      destroyEndpoint();
      return CompletableFuture.completedFuture(null);
    }
    up = false;
    stopRefreshing();
    observation.stop(true);
    listener.disconnected();
    return post(CoapPaths.path(id, CoapPaths.Resource.PRESENCE), ContractJson.encode(Presence.offline()))
        .handle((ok, error) -> {
          destroyEndpoint();
          return null;
        });
  }

  /** Lets the device's own DTLS endpoint go (its socket and threads); a later connect makes a new one. */
  private void destroyEndpoint() {
    Endpoint own = endpoint;
    endpoint = null;
    if (own != null) {
      own.destroy();
    }
  }

  @Override
  public CompletableFuture<Void> send(Channel channel, byte[] payload) {
    String path = switch (channel) {
      case EXECUTION_UPDATE -> CoapPaths.path(id, CoapPaths.Resource.EXECUTION_UPDATE);
      case PROPERTIES -> CoapPaths.path(id, CoapPaths.Resource.PROPERTIES);
      case PRESENCE -> CoapPaths.path(id, CoapPaths.Resource.PRESENCE);
      default -> null; // a pending request is the observation itself
    };
    return path == null ? CompletableFuture.completedFuture(null) : post(path, payload).thenApply(ok -> null);
  }

  /** POSTs JSON; completes true on success. An error answer's ContractError goes to the device. */
  private CompletableFuture<Boolean> post(String pathAndQuery, byte[] payload) {
    return request(Request.newPost(), pathAndQuery, payload).thenApply(CoapResponse::isSuccess);
  }

  /** Sends {@code request} with a JSON payload; completes with the answer. An error answer's ContractError goes to the device. */
  private CompletableFuture<CoapResponse> request(Request request, String pathAndQuery, byte[] payload) {
    CompletableFuture<CoapResponse> done = new CompletableFuture<>();
    CoapClient client = client(pathAndQuery);
    request.setPayload(payload);
    request.getOptions().setContentFormat(CoapPaths.JSON);
    handshakeWhenUnanswered(request);
    client.advanced(new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        if (!response.isSuccess() && response.getOptions().getContentFormat() == CoapPaths.JSON) {
          listener.message(Channel.ERROR, response.getPayload()); // a ContractError; 4.01/4.29/... carry none
        } else if (!response.isSuccess()) {
          LOG.debug("Device {} got {} for {} {}", id, response.getCode(), request.getCode(), pathAndQuery);
        }
        done.complete(response);
        client.shutdown();
      }

      @Override
      public void onError() {
        Throwable cause = request.getSendError();
        // over DTLS a refused handshake (unknown device, wrong or revoked key) gets no answer either: it times out
        done.completeExceptionally(new IllegalStateException("no answer to " + request.getCode() + " " + pathAndQuery
            + (cause != null ? " (" + cause.getMessage() + ")" : endpoint != null ? " (over DTLS: is the device's credential right?)" : "")));
        client.shutdown();
      }
    }, request);
    return done;
  }

  private CoapClient client(String pathAndQuery) {
    CoapClient client = new CoapClient(base + pathAndQuery).setTimeout(10_000L);
    Endpoint own = endpoint;
    if (own != null) {
      client.setEndpoint(own);
    }
    return client;
  }

  private void stopRefreshing() {
    ScheduledFuture<?> r = refresh;
    if (r != null) {
      r.cancel(false);
    }
  }

  private void handshakeWhenUnanswered(Request request) {
    if (endpoints != null) {
      DtlsRecovery.handshakeWhenUnanswered(request);
    }
  }
}
