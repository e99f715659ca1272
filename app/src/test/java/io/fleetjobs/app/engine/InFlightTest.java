package io.fleetjobs.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sending is memory only, so what keeps an execution from being both sent and failed as never delivered is here. */
class InFlightTest {

  private final InFlight inFlight = new InFlight();
  private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void anExecutionBeingFailedAsNeverDeliveredIsNotSentUntilTheVerdictIsWritten() {
    UUID id = UUID.randomUUID();
    List<UUID> fenced = inFlight.fence(List.of(id));
    assertThat(fenced).containsExactly(id);
    assertThat(inFlight.sent(id, "job", "device", now, inFlight.epoch())).isFalse();
    assertThat(inFlight.contains(id)).isFalse();
  }

  @Test
  void aRowReadBeforeANeverDeliveredVerdictIsNotSentEvenAfterTheVerdictIsWritten() {
    UUID id = UUID.randomUUID();
    long readBefore = inFlight.epoch();
    inFlight.unfence(inFlight.fence(List.of(id)));
    assertThat(inFlight.sent(id, "job", "device", now, readBefore)).as("the row may show PENDING though it is FAILED now").isFalse();
    assertThat(inFlight.sent(id, "job", "device", now, inFlight.epoch())).as("read again after the verdict").isTrue();
  }

  @Test
  void anExecutionAlreadySentIsNeitherFencedNorKeptFromBeingSentAgain() {
    UUID id = UUID.randomUUID();
    assertThat(inFlight.sent(id, "job", "device", now, inFlight.epoch())).isTrue();
    long readBefore = inFlight.epoch();
    assertThat(inFlight.fence(List.of(id))).as("a sent execution times out, it is never 'never delivered'").isEmpty();
    assertThat(inFlight.sent(id, "job", "device", now.plusSeconds(5), readBefore)).isTrue();
    assertThat(inFlight.lastSentAt(id)).isEqualTo(now.plusSeconds(5));
  }

  @Test
  void nothingOfAStoppedJobIsSentOnceTheStopDrainedIt() {
    UUID id = UUID.randomUUID();
    inFlight.drain("job");
    assertThat(inFlight.sent(id, "job", "device", now, inFlight.epoch())).isFalse();
  }
}
