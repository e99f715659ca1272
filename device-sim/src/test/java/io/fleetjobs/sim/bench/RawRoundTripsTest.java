package io.fleetjobs.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.BenchTopics;
import io.fleetjobs.sim.SimulatedDevice;
import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.SimulatedGateway;
import io.fleetjobs.sim.TestBroker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's raw round trips against a real broker: direct devices and gateway children answer every ping. */
class RawRoundTripsTest {

  @Test
  void everyDeviceAndEveryGatewayChildAnswersItsPingOnce() {
    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(TestBroker.port()).idPrefix("raw-").count(300)
            .gateways(2).children(100).behaviour(Behaviour.defaults()).benchEcho(true).build();
         RawRoundTrips raw = new RawRoundTrips("127.0.0.1", TestBroker.port(), 100, null, null)) {
      fleet.start();
      List<String> topics = new ArrayList<>();
      fleet.devices().stream().limit(300).map(SimulatedDevice::id).map(BenchTopics::ping).forEach(topics::add);
      for (SimulatedGateway g : fleet.gateways()) {
        g.children().forEach(c -> topics.add(BenchTopics.ping(g.id(), c.id())));
      }

      RawRoundTrips.Round warm = raw.round(topics, 30_000, new Progress(), "test");
      RawRoundTrips.Round round = raw.round(topics, 30_000, new Progress(), "test");

      assertThat(warm.answered()).isEqualTo(500);
      assertThat(round.answered()).isEqualTo(500);
      System.out.printf("raw round trips/s against the test broker: warm-up %.0f, then %.0f%n", warm.perSecond(), round.perSecond());
    }
  }
}
