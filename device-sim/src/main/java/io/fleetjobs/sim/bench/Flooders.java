package io.fleetjobs.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registered devices that flood the service over MQTT as fast as they can: each keeps {@code inFlight} QoS 1
 * publishes unacknowledged and sends the next as soon as one is acknowledged, cycling through four kinds of message
 * that the service must refuse or ignore: not JSON, an unknown status, an update of an execution that does not
 * exist (the service looks it up), and a valid property report older than the one recorded (stale: stored nowhere,
 * answered with nothing). Like firmware in a loop, a flooder the broker disconnects reconnects (100 ms, backing off
 * to 2 s) and goes on.
 *
 * <p>What the flooders see is counted: the broker's PUBACKs (accepted or refused, and how long each took), the
 * disconnects by reason, and the service's error replies. Each refused kind carries the instant it was sent (in
 * microseconds since this object was made) where the service's error message echoes it, so an error reply tells how
 * long it took. One thread sends for all flooders, so a flood costs the bench at most one core.
 */
final class Flooders implements AutoCloseable {

  /** What a flooder sends, in turn. */
  enum Kind {
    NOT_JSON, UNKNOWN_STATUS, UNKNOWN_EXECUTION, STALE_REPORT
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The echoed send instant: {@code flood<micros>} (not JSON, status) or the last group of the execution id. */
  private static final Pattern ECHO = Pattern.compile("(?i)flood(\\d+)|f100d000-0000-4000-8000-(\\d{12})");

  private final List<Flooder> flooders = new ArrayList<>();
  private final long epoch = System.nanoTime();
  private final LatencyHistogram ackLag = new LatencyHistogram();
  private final LatencyHistogram replyLag = new LatencyHistogram();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong quotaExceeded = new AtomicLong();
  private final AtomicLong otherRefusals = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong replies = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final Map<String, AtomicLong> disconnects = new ConcurrentHashMap<>();
  private volatile boolean flooding;
  private volatile boolean closed;
  private Thread pump;

  /** What the flooders saw so far. */
  record Snapshot(long sent, long accepted, long quotaExceeded, long otherRefusals, long lost, long errorReplies, long reconnects,
      Map<String, Long> disconnects) {}

  Flooders(List<String> ids, Map<String, String> secrets, String host, int port, int inFlight) {
    for (String id : ids) {
      flooders.add(new Flooder(id, secrets.get(id), host, port, inFlight));
    }
  }

  /** Connects every flooder (and subscribes it to its error topic). */
  CompletableFuture<Void> connect() {
    return CompletableFuture.allOf(flooders.stream().map(Flooder::connect).toArray(CompletableFuture[]::new));
  }

  /** Starts flooding, from a thread of its own. */
  synchronized void start() {
    if (pump != null) {
      return;
    }
    flooding = true;
    pump = new Thread(this::pump, "bench-flood");
    pump.setDaemon(true);
    pump.start();
  }

  /** Stops sending and waits (at most {@code millis}) for the broker to acknowledge what was sent. */
  synchronized void stop(long millis) {
    flooding = false;
    if (pump == null) {
      return;
    }
    try {
      pump.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pump = null;
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < deadline && flooders.stream().anyMatch(Flooder::unacknowledged)) {
      Progress.park(10);
    }
  }

  Snapshot snapshot() {
    Map<String, Long> byReason = new java.util.TreeMap<>();
    disconnects.forEach((reason, n) -> byReason.put(reason, n.get()));
    return new Snapshot(sent.get(), accepted.get(), quotaExceeded.get(), otherRefusals.get(), lost.get(), replies.get(),
        reconnects.get(), byReason);
  }

  /** Publish to PUBACK, in microseconds: how long until the broker accepted or refused a message. */
  LatencyHistogram ackLag() {
    return ackLag;
  }

  /** Publish to the service's error reply, in microseconds, for the replies that echo their message's instant. */
  LatencyHistogram replyLag() {
    return replyLag;
  }

  int size() {
    return flooders.size();
  }

  @Override
  public void close() {
    closed = true;
    stop(2_000);
    CompletableFuture.allOf(flooders.stream().map(f -> f.client.disconnect().exceptionally(e -> null)).toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
  }

  private void pump() {
    while (flooding) {
      boolean any = false;
      for (Flooder flooder : flooders) {
        // a few at a time each, so one flooder with a wide-open window does not starve the others
        for (int i = 0; i < 16 && flooding && flooder.trySend(); i++) {
          any = true;
        }
      }
      if (!any) {
        LockSupport.parkNanos(100_000); // every window full (or every flooder disconnected): wait for acknowledgements
      }
    }
  }

  long micros() {
    return (System.nanoTime() - epoch) / 1000;
  }

  /** One flooding device. */
  private final class Flooder {

    final String id;
    final Mqtt5AsyncClient client;
    final Semaphore window;
    final int inFlight;
    final String updates;
    final String reports;
    final byte[] stale;
    long seq;
    /** Publishes of an earlier connection may never be acknowledged: they give nothing back to the current window. */
    volatile int generation;
    volatile boolean connectedBefore;

    Flooder(String id, String secret, String host, int port, int inFlight) {
      this.id = id;
      this.inFlight = inFlight;
      this.window = new Semaphore(inFlight);
      this.updates = Topics.topic(id, Channel.EXECUTION_UPDATE);
      this.reports = Topics.topic(id, Channel.PROPERTIES);
      this.stale = "{\"contractVersion\": 1, \"version\": 1, \"properties\": {\"level\": 1}}".getBytes(StandardCharsets.UTF_8);
      var builder = Mqtt5Client.builder().identifier(id).serverHost(host).serverPort(port)
          .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
          .addConnectedListener(ctx -> subscribe())
          .addDisconnectedListener(this::disconnected);
      if (secret != null) {
        builder.simpleAuth().username(id).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
      }
      this.client = builder.buildAsync();
    }

    CompletableFuture<Void> connect() {
      return client.connectWith().cleanStart(true).send().thenApply(ack -> null);
    }

    /** After every (re)connect: the error topic, with a fresh callback (a clean start forgot the old subscription). */
    void subscribe() {
      if (connectedBefore) {
        reconnects.incrementAndGet();
      }
      connectedBefore = true;
      client.subscribeWith().topicFilter(Topics.topic(id, Channel.ERROR)).qos(MqttQos.AT_LEAST_ONCE)
          .callback(p -> reply(p.getPayloadAsBytes())).send();
    }

    void disconnected(MqttClientDisconnectedContext context) {
      context.getReconnector().resubscribeIfSessionExpired(false);
      if (closed) {
        context.getReconnector().reconnect(false);
        return;
      }
      Throwable cause = context.getCause();
      if (context.getReconnector().getAttempts() == 0) {
        // an established connection ended: its publishes are lost with it, the next one starts with the whole window
        String reason = cause instanceof Mqtt5DisconnectException e ? e.getMqttMessage().getReasonCode().name() : cause.getClass().getSimpleName();
        disconnects.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        generation++;
        window.drainPermits();
        window.release(inFlight);
      } else if (cause instanceof Mqtt5ConnAckException e) {
        disconnects.computeIfAbsent("CONNACK " + e.getMqttMessage().getReasonCode().name(), r -> new AtomicLong()).incrementAndGet();
      }
    }

    boolean unacknowledged() {
      return client.getState().isConnected() && window.availablePermits() < inFlight;
    }

    boolean trySend() {
      if (!client.getState().isConnected() || !window.tryAcquire()) {
        return false;
      }
      Kind kind = Kind.values()[(int) (seq++ % Kind.values().length)];
      long at = System.nanoTime();
      int gen = generation;
      client.publishWith().topic(kind == Kind.STALE_REPORT ? reports : updates).qos(MqttQos.AT_LEAST_ONCE).payload(payload(kind))
          .send().whenComplete((result, error) -> acknowledged(at, gen, result, error));
      sent.incrementAndGet();
      return true;
    }

    void acknowledged(long at, int gen, Mqtt5PublishResult result, Throwable error) {
      if (gen == generation) {
        window.release();
      }
      Throwable failure = error != null ? error : result.getError().orElse(null);
      if (failure == null) {
        accepted.incrementAndGet();
      } else if (failure instanceof Mqtt5PubAckException e) {
        (e.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED ? quotaExceeded : otherRefusals).incrementAndGet();
      } else {
        lost.incrementAndGet(); // the connection ended before the broker answered
        return;
      }
      ackLag.record((System.nanoTime() - at) / 1000);
    }

    byte[] payload(Kind kind) {
      long now = micros();
      String text = switch (kind) {
        case NOT_JSON -> "flood" + now + " is not JSON";
        case UNKNOWN_STATUS -> "{\"contractVersion\": 1, \"executionId\": \"flood\", \"version\": 1, \"status\": \"FLOOD" + now + "\"}";
        case UNKNOWN_EXECUTION -> "{\"contractVersion\": 1, \"executionId\": \"f100d000-0000-4000-8000-%012d\", \"version\": 1,"
            .formatted(now % 1_000_000_000_000L) + " \"status\": \"SUCCEEDED\"}";
        case STALE_REPORT -> null;
      };
      return text == null ? stale : text.getBytes(StandardCharsets.UTF_8);
    }

    void reply(byte[] payload) {
      replies.incrementAndGet();
      try {
        JsonNode error = JSON.readTree(payload);
        Matcher echo = ECHO.matcher(error.path("message").asText(""));
        if (echo.find()) {
          long sentAt = Long.parseLong(echo.group(1) != null ? echo.group(1) : echo.group(2));
          replyLag.record(micros() - sentAt);
        }
      } catch (IOException | NumberFormatException notOurs) {
        // counted; no instant to measure from
      }
    }
  }
}
