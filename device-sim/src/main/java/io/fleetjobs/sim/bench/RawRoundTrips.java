package io.fleetjobs.sim.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fleetjobs.sim.BenchTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R_raw: plain MQTT round trips to the same devices over the same broker, with no service involved. A few publishing
 * clients send one QoS 1 ping per device on the bench's own topics; one receiving client takes every QoS 1 pong. At
 * most {@code window} pings are unanswered at once, which also bounds the receiver's queue on the broker.
 */
final class RawRoundTrips implements AutoCloseable {

  /** Publishers: the broker limits each client's unacknowledged publishes, so one client alone would cap the rate. */
  private static final int PUBLISHERS = 4;

  /** One round's result. */
  record Round(long answered, long nanos) {
    double perSecond() {
      return answered * 1e9 / Math.max(1, nanos);
    }
  }

  private final List<Mqtt5AsyncClient> publishers = new ArrayList<>();
  private final Mqtt5AsyncClient receiver;
  private final AtomicLong pongs = new AtomicLong();
  private final Semaphore window;
  private final int windowSize;

  /**
   * @param username the broker account that may reach every device's topics (the service's), or null for an open broker
   */
  RawRoundTrips(String host, int port, int windowSize, String username, String password) {
    this.windowSize = windowSize;
    this.window = new Semaphore(windowSize);
    String run = UUID.randomUUID().toString().substring(0, 8);
    receiver = client("fleet-bench-pong-" + run, host, port, username, password);
    receiver.connectWith().cleanStart(true).send().join();
    // on the network thread: only count and free a window slot, nothing that blocks
    receiver.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> {
      pongs.incrementAndGet();
      window.release();
    });
    for (String filter : BenchTopics.pongSubscriptions()) {
      receiver.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().join();
    }
    for (int i = 0; i < PUBLISHERS; i++) {
      Mqtt5AsyncClient client = client("fleet-bench-ping-" + run + "-" + i, host, port, username, password);
      client.connectWith().cleanStart(true).send().join();
      publishers.add(client);
    }
  }

  private static Mqtt5AsyncClient client(String id, String host, int port, String username, String password) {
    var builder = Mqtt5Client.builder().identifier(id).serverHost(host).serverPort(port);
    if (username != null && password != null) {
      builder.simpleAuth().username(username).password(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)).applySimpleAuth();
    }
    return builder.buildAsync();
  }

  /**
   * One round: a ping to every topic, then waits for the answers.
   *
   * @param timeoutMillis how long the round may take; a round cut short reports what was answered
   */
  Round round(List<String> pingTopics, long timeoutMillis, Progress progress, String phase) {
    long before = pongs.get();
    long started = System.nanoTime();
    long deadline = started + timeoutMillis * 1_000_000L;
    byte[] payload = new byte[16];
    int i = 0;
    for (String topic : pingTopics) {
      try {
        if (!window.tryAcquire(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), TimeUnit.MILLISECONDS)) {
          break; // answers stopped coming: report what came
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      publishers.get(i++ % PUBLISHERS).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
      progress.line(phase, "%,d of %,d answered", pongs.get() - before, pingTopics.size());
    }
    while (pongs.get() - before < pingTopics.size() && System.nanoTime() < deadline) {
      progress.line(phase, "%,d of %,d answered", pongs.get() - before, pingTopics.size());
      Progress.park(1);
    }
    long nanos = System.nanoTime() - started;
    long answered = pongs.get() - before;
    // a round cut short leaves permits taken: give them back so the next round starts with the whole window
    window.drainPermits();
    window.release(windowSize);
    return new Round(answered, nanos);
  }

  @Override
  public void close() {
    publishers.forEach(c -> c.disconnect().exceptionally(e -> null).join());
    receiver.disconnect().exceptionally(e -> null).join();
  }
}
