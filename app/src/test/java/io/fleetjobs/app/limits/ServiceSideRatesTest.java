package io.fleetjobs.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The service's own rate limit, for an external broker: 10 messages/s and bursts of 20 per connection here. */
class ServiceSideRatesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServiceSideRates rates = new ServiceSideRates(Limits.small(), new DeviceRefusals(clock, Limits.small(), registry), clock);

  private long admitted(String topic, int messages) {
    return IntStream.range(0, messages).filter(i -> rates.admit(topic)).count();
  }

  private double throttled() {
    var counter = registry.find("fleet.device.messages.refused").tag("code", "QUOTA_EXCEEDED").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aFloodingDeviceIsCutToItsBurstAndTheRestIsCountedWhileOtherDevicesGoOn() {
    assertThat(admitted("fleet/v1/devices/d1/up/properties", 100)).isEqualTo(20);
    assertThat(throttled()).isEqualTo(80);
    assertThat(admitted("fleet/v1/devices/d2/up/properties", 5)).isEqualTo(5);
    clock.advance(Duration.ofMillis(500));
    assertThat(admitted("fleet/v1/devices/d1/up/properties", 100)).isEqualTo(5);
  }

  @Test
  void aGatewaysChildrenAreCountedAgainstTheGatewaysOwnAllowanceForThem() {
    assertThat(admitted("fleet/v1/gateways/gw/devices/c1/up/execution-update", 600)
        + admitted("fleet/v1/gateways/gw/devices/c2/up/execution-update", 600)).isEqualTo(1000);
    assertThat(admitted("fleet/v1/devices/gw/up/presence", 30)).isEqualTo(20);
  }

  @Test
  void connectionsQuietLongEnoughAreForgotten() {
    IntStream.range(0, 1000).forEach(i -> rates.admit("fleet/v1/devices/d" + i + "/up/presence"));
    assertThat(rates.followed()).isEqualTo(1000);
    clock.advance(Duration.ofSeconds(10));
    rates.admit("fleet/v1/devices/d0/up/presence");
    assertThat(rates.followed()).isEqualTo(1);
  }

  @Test
  void pastTheMostConnectionsFollowedNewcomersShareOneAllowance() {
    IntStream.range(0, ServiceSideRates.MAX_CONNECTIONS).forEach(i -> rates.admit("fleet/v1/devices/d" + i + "/up/presence"));
    long admitted = IntStream.range(0, 100).filter(i -> rates.admit("fleet/v1/devices/new-" + i + "/up/presence")).count();
    assertThat(admitted).isEqualTo(20);
    assertThat(rates.followed()).isEqualTo(ServiceSideRates.MAX_CONNECTIONS + 1);
  }

  @Test
  void topicsThatNameNoDeviceShareOneAllowance() {
    assertThat(admitted("fleet/v1/devices/not an id/up/presence", 30)).isEqualTo(20);
  }
}
