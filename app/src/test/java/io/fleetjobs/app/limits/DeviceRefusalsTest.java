package io.fleetjobs.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetjobs.app.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Refused device messages are counted by code and logged per device and interval, never a line per message. */
class DeviceRefusalsTest {

  private static final String TOPIC = "fleet/v1/devices/d1/up/execution-update";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DeviceRefusals refusals = new DeviceRefusals(clock, Limits.small(), registry);
  private final Logger logger = (Logger) LoggerFactory.getLogger(DeviceRefusals.class);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(Level.WARN);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
    logger.setLevel(level);
  }

  private List<String> lines() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private double refused(String code) {
    var counter = registry.find("fleet.device.messages.refused").tag("code", code).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aThousandMalformedMessagesMakeOneLineAtOnceAndOneSummaryAtTheEndOfTheInterval() {
    IntStream.range(0, 1000).forEach(i -> refusals.refused("d1", "MALFORMED_JSON", TOPIC, "not valid JSON #" + i));
    refusals.throttled("d1", TOPIC, "over 10 messages/s");

    assertThat(lines()).singleElement().asString()
        .contains("'d1'", "MALFORMED_JSON on " + TOPIC, "not valid JSON #0", "summarized every 60 s");
    refusals.flush(clock.millis() + 59_999);
    assertThat(lines()).hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    refusals.flush(clock.millis());
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).contains("Device 'd1': 1000 more messages refused in the last 60 s",
        "1 QUOTA_EXCEEDED", "999 MALFORMED_JSON", "the first of them: MALFORMED_JSON on " + TOPIC + ": not valid JSON #1",
        "997 error replies not sent");
    assertThat(refused("MALFORMED_JSON")).isEqualTo(1000);
    assertThat(refused("QUOTA_EXCEEDED")).isEqualTo(1);
  }

  @Test
  void aFloodThatGoesOnIsSummarizedOncePerIntervalAndADeviceThatStopsIsForgotten() {
    for (int minute = 0; minute < 3; minute++) {
      IntStream.range(0, 500).forEach(i -> refusals.throttled("d1", TOPIC, "over 10 messages/s"));
      clock.advance(Duration.ofMinutes(1));
      refusals.flush(clock.millis());
    }
    assertThat(lines()).hasSize(4); // the first refusal, then one summary a minute
    assertThat(lines().get(3)).contains("500 more messages refused in the last 60 s (500 QUOTA_EXCEEDED)");

    clock.advance(Duration.ofMinutes(1));
    refusals.flush(clock.millis()); // a quiet minute: nothing to say, and the device is forgotten
    assertThat(lines()).hasSize(4);
    assertThat(refusals.followed()).isZero();
    refusals.throttled("d1", TOPIC, "over 10 messages/s");
    assertThat(lines()).hasSize(5);
    assertThat(lines().get(4)).startsWith("Refused a message of device 'd1'");
  }

  @Test
  void aDeviceGetsOnlyItsShareOfErrorRepliesPerIntervalAndTheRestAreCounted() {
    List<Boolean> answered = IntStream.range(0, 10).mapToObj(i -> refusals.refused("d1", "MALFORMED_JSON", TOPIC, "x")).toList();
    assertThat(answered).containsExactly(true, true, true, false, false, false, false, false, false, false);
    assertThat(refusals.refused("d2", "MALFORMED_JSON", "fleet/v1/devices/d2/up/properties", "x")).isTrue();
    assertThat(registry.find("fleet.device.error.replies.dropped").counter().count()).isEqualTo(7);

    clock.advance(Duration.ofMinutes(1));
    refusals.flush(clock.millis());
    assertThat(refusals.refused("d1", "MALFORMED_JSON", TOPIC, "x")).isTrue();
  }

  @Test
  void aDisconnectIsCountedAndSummarizedWithTheRefusals() {
    refusals.throttled("d1", TOPIC, "over 10 messages/s");
    refusals.throttled("d1", TOPIC, "over 10 messages/s");
    refusals.disconnected("d1", "MESSAGE_RATE_TOO_HIGH", "over its message rate for 2 s");
    clock.advance(Duration.ofMinutes(1));
    refusals.flush(clock.millis());
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).contains("1 more message refused", "disconnected 1 time for its message rate");
    assertThat(registry.find("fleet.device.disconnects").tag("reason", "MESSAGE_RATE_TOO_HIGH").counter().count()).isEqualTo(1);
  }

  @Test
  void devicesAreLoggedApartAndTheirOwnTextCannotBreakTheLogLine() {
    refusals.refused("d1", "MALFORMED_JSON", TOPIC, "line one\nFAKE ERROR line two");
    refusals.refused("d2", "UNKNOWN_TOPIC", "fleet/v1/devices/d2/up/" + "x".repeat(1000), "'...' is not a topic");
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).doesNotContain("\n").contains("line one FAKE ERROR line two");
    assertThat(lines().get(1)).hasSizeLessThan(600);
  }

  @Test
  void connectsRefusedWhileAnAllowanceRefillsAreCountedAndSummarizedWithTheDevicesRefusals() {
    refusals.throttled("d1", TOPIC, "over 10 messages/s");
    refusals.disconnected("d1", "MESSAGE_RATE_TOO_HIGH", "over 10 messages/s, 20 messages refused");
    IntStream.range(0, 5).forEach(i -> refusals.connectRefused("d1", "QUOTA_EXCEEDED", "its allowance has not refilled yet"));

    assertThat(registry.find("fleet.device.connects.refused").tag("reason", "QUOTA_EXCEEDED").counter().count()).isEqualTo(5);
    assertThat(lines()).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    refusals.flush(clock.millis());
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).contains("disconnected 1 time for its message rate", "5 connects refused until its allowance had refilled");
  }

  @Test
  void aConnectRefusedForADeviceWithNothingElseRefusedGetsALineOfItsOwn() {
    refusals.connectRefused("d2", "QUOTA_EXCEEDED", "its allowance has not refilled yet");
    assertThat(lines()).singleElement().asString().contains("Refused a connect of device 'd2'", "QUOTA_EXCEEDED");
  }
}
