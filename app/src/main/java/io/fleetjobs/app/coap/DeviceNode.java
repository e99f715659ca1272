package io.fleetjobs.app.coap;

import io.fleetjobs.app.device.Route;
import io.fleetjobs.app.device.Transport;
import io.fleetjobs.contract.CoapPaths;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.ErrorCode;
import io.fleetjobs.contract.message.ContractError;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingExecutions;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import io.fleetjobs.contract.message.PresenceState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's CoAP resources (see {@link CoapPaths}). Thin: each handler decodes with the contract's records and
 * calls the engine's {@code DeviceInbox}. A request that breaks the contract gets 4.00 with a ContractError naming
 * the field; requests of another device's DTLS identity get 4.03. Every answer and notification of {@code pending}
 * carries the Max-Age of {@link ObserveSettings}, and a presence is answered 2.01 when no observation of
 * {@code pending} from the device's address is held here (it must observe), 2.04 when one is.
 */
final class DeviceNode extends CoapResource {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceNode.class);

  private final String deviceId;
  private final DevicesResource devices;
  /** How long a CoAP presence waits for its batch before the device is answered 5.00 (it then sends it again). */
  private static final long PRESENCE_WAIT_SECONDS = 10;

  private final CoapResource pending;
  /** The observations of {@code pending} held now; Californium bounds them ({@code MAX_SERVER_OBSERVES}). */
  private final Set<ObserveRelation> observations = ConcurrentHashMap.newKeySet();
  /** When {@code pending} was last answered or notified, in the clock's millis. */
  private volatile long answeredAt;

  DeviceNode(String deviceId, DevicesResource devices) {
    super(deviceId);
    this.deviceId = deviceId;
    this.devices = devices;
    setVisible(false);
    add(new Handler(CoapPaths.Resource.PRESENCE) {
      @Override
      public void handlePOST(CoapExchange exchange) {
        handle(exchange, () -> {
          Presence presence = ContractJson.decode(exchange.getRequestPayload(), Presence.class);
          CompletableFuture<ContractViolation> recorded = new CompletableFuture<>();
          devices.inbox().presence(deviceId, Route.direct(Transport.COAP), presence, lifetime(exchange), recorded::complete);
          // the reply says whether the device must observe again, so it waits for the batch the presence went into
          ContractViolation refused = awaited(recorded);
          if (refused != null) {
            throw refused;
          }
          boolean mustObserve = presence.state() == PresenceState.ONLINE && !observedFrom(exchange.getSourceSocketAddress());
          exchange.respond(mustObserve ? ResponseCode.CREATED : ResponseCode.CHANGED);
        });
      }
    });
    pending = new Handler(CoapPaths.Resource.PENDING) {
      @Override
      public void handleGET(CoapExchange exchange) {
        handle(exchange, () -> {
          PendingExecutions work = PendingExecutions.of(devices.inbox().pending(deviceId), devices.canceledFor(deviceId));
          answeredAt = devices.clock().millis();
          exchange.setMaxAge(devices.observe().maxAgeSeconds());
          json(exchange, ResponseCode.CONTENT, work);
        });
      }

      @Override
      public void addObserveRelation(ObserveRelation relation) {
        super.addObserveRelation(relation);
        observations.add(relation);
      }

      @Override
      public void removeObserveRelation(ObserveRelation relation) {
        super.removeObserveRelation(relation);
        observations.remove(relation);
      }
    };
    pending.setObservable(true);
    pending.setObserveType(Type.CON);
    pending.getAttributes().setObservable();
    add(pending);
    add(new Handler(CoapPaths.Resource.EXECUTIONS) {
      @Override
      public Resource getChild(String executionId) {
        Handler execution = new Handler(executionId) {
          @Override
          public void handleGET(CoapExchange exchange) {
            handle(exchange, () -> devices.inbox().execution(deviceId, executionId).ifPresentOrElse(
                request -> json(exchange, ResponseCode.CONTENT, request),
                () -> error(exchange, ResponseCode.NOT_FOUND, unknownExecution(executionId))));
          }
        };
        execution.setParent(this);
        return execution;
      }
    });
    add(new Handler(CoapPaths.Resource.EXECUTION_UPDATE) {
      @Override
      public void handlePOST(CoapExchange exchange) {
        handle(exchange, () -> {
          ExecutionUpdate update = ContractJson.decode(exchange.getRequestPayload(), ExecutionUpdate.class);
          exchange.accept(); // answered once the update is committed
          devices.inbox().executionUpdate(deviceId, update, violation -> {
            if (violation == null) {
              exchange.respond(ResponseCode.CHANGED);
            } else {
              refuse(exchange, ResponseCode.NOT_FOUND, violation);
            }
          });
        });
      }
    });
    add(new Handler(CoapPaths.Resource.PROPERTIES) {
      @Override
      public void handlePOST(CoapExchange exchange) {
        handle(exchange, () -> {
          PropertyReport report = ContractJson.decode(exchange.getRequestPayload(), PropertyReport.class);
          exchange.accept(); // answered once the report is stored
          devices.inbox().properties(deviceId, report, violation -> {
            if (violation == null) {
              exchange.respond(ResponseCode.CHANGED);
            } else {
              refuse(exchange, ResponseCode.NOT_FOUND, violation);
            }
          });
        });
      }
    });
  }

  void pendingChanged() {
    pending.changed();
  }

  /** Whether the device observes its {@code pending} resource (its resources then hold state worth keeping). */
  boolean observed() {
    return !observations.isEmpty();
  }

  /** Whether an observation of {@code pending} from {@code peer} is held. */
  boolean observedFrom(InetSocketAddress peer) {
    return observations.stream().anyMatch(relation -> !relation.isCanceled() && peer.equals(relation.getSource()));
  }

  /**
   * Notifies the observers of {@code pending} if it was last answered {@code quietMillis} or more ago: a refresh
   * before the device's Max-Age lapses, with the current list (nothing may have changed).
   */
  void refreshIfQuiet(long nowMillis, long quietMillis) {
    if (observed() && nowMillis - answeredAt >= quietMillis) {
      answeredAt = nowMillis; // not again while this refresh is under way
      pending.changed();
    }
  }

  /** A resource of this device; its handlers check the caller may act for the device first. */
  private abstract class Handler extends CoapResource {
    Handler(CoapPaths.Resource resource) {
      this(resource.segment());
    }

    Handler(String name) {
      super(name);
      setVisible(false);
    }

    void handle(CoapExchange exchange, Runnable work) {
      String peer = PeerIdentity.of(exchange.advanced().getRequest().getSourceContext().getPeerIdentity());
      // with DTLS the peer's identity is the device id: a device may only reach its own resources (DeviceGate checks
      // it first; this holds even if a request reached a resource another way)
      if (peer != null && !deviceId.equals(peer)) {
        exchange.respond(ResponseCode.FORBIDDEN, "this identity may not act for device " + deviceId);
        return;
      }
      try {
        work.run();
      } catch (ContractViolation violation) {
        refuse(exchange, violation.code() == ErrorCode.UNKNOWN_DEVICE ? ResponseCode.NOT_FOUND : ResponseCode.BAD_REQUEST, violation);
      } catch (RuntimeException e) {
        LOG.error("Could not handle a CoAP request from device {} to {}", deviceId, getURI(), e);
        exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
      }
    }

    void json(CoapExchange exchange, ResponseCode code, Object message) {
      exchange.respond(code, ContractJson.encode(message), CoapPaths.JSON);
    }

    /**
     * A refused message: counted and logged per interval as on MQTT, whether the decoder refused it or the engine did
     * once it looked (an unknown execution), then answered with the ContractError.
     */
    void refuse(CoapExchange exchange, ResponseCode code, ContractViolation violation) {
      devices.refusals().refused(deviceId, violation.code().name(), getURI(), violation.getMessage());
      error(exchange, code, violation);
    }

    void error(CoapExchange exchange, ResponseCode code, ContractViolation violation) {
      json(exchange, code, ContractError.of(violation, getURI(), devices.clock().instant()));
    }

    ContractViolation awaited(CompletableFuture<ContractViolation> recorded) {
      try {
        return recorded.get(PRESENCE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("presence not recorded within " + PRESENCE_WAIT_SECONDS + " s (the database is slow or unreachable)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while recording a presence", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }

    Duration lifetime(CoapExchange exchange) {
      String value = exchange.getQueryParameter("lifetime");
      if (value == null) {
        return Duration.ofSeconds(CoapPaths.DEFAULT_LIFETIME_SECONDS);
      }
      try {
        long seconds = Long.parseLong(value);
        if (seconds >= 1 && seconds <= 86_400 * 7) {
          return Duration.ofSeconds(seconds);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw ContractViolation.invalid("lifetime", "must be a number of seconds from 1 to 604800");
    }
  }

  private static ContractViolation unknownExecution(String executionId) {
    return new ContractViolation(ErrorCode.UNKNOWN_EXECUTION, "executionId", "execution '" + executionId + "' is not pending for this device");
  }
}
