package io.fleetjobs.app.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the job engine runs ({@code fleet.jobs.*}).
 *
 * @param deliveryTimeout default time a job waits for an offline device to come online and take its execution before
 *     failing it as never delivered (default {@code PT1H}); a job may set its own
 * @param executionTimeout default time a device has to send a final answer after an execution was sent to it before
 *     it fails as timed out (default {@code PT10M}); a job may set its own
 * @param maxInFlight most executions sent and not yet answered, across all jobs (default {@code 10000})
 * @param dispatchBatchSize executions read and sent per dispatch round (default {@code 1000})
 * @param dispatchInterval pause between dispatch rounds when there is nothing to send (default {@code 100ms})
 * @param writeBatchSize device updates written per transaction (default {@code 1000})
 * @param sweepInterval how often timeouts and delivery deadlines are checked (default {@code 2s})
 * @param insertBatchSize executions inserted per statement batch when a job starts (default {@code 1000})
 */
@ConfigurationProperties("fleet.jobs")
public record JobsConfig(
    @Bindable(defaultValue = "PT1H") Duration deliveryTimeout,
    @Bindable(defaultValue = "PT10M") Duration executionTimeout,
    @Bindable(defaultValue = "10000") int maxInFlight,
    @Bindable(defaultValue = "1000") int dispatchBatchSize,
    @Bindable(defaultValue = "100ms") Duration dispatchInterval,
    @Bindable(defaultValue = "1000") int writeBatchSize,
    @Bindable(defaultValue = "2s") Duration sweepInterval,
    @Bindable(defaultValue = "1000") int insertBatchSize) {

  /** Values that cannot work are refused at start-up, naming the property. */
  public JobsConfig {
    positive(deliveryTimeout, "delivery-timeout");
    positive(executionTimeout, "execution-timeout");
    positive(dispatchInterval, "dispatch-interval");
    positive(sweepInterval, "sweep-interval");
    atLeastOne(maxInFlight, "max-in-flight");
    atLeastOne(dispatchBatchSize, "dispatch-batch-size");
    atLeastOne(writeBatchSize, "write-batch-size");
    atLeastOne(insertBatchSize, "insert-batch-size");
  }

  private static void positive(Duration value, String property) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("fleet.jobs." + property + " must be a positive duration, not " + value);
    }
  }

  private static void atLeastOne(int value, String property) {
    if (value < 1) {
      throw new IllegalArgumentException("fleet.jobs." + property + " must be at least 1, not " + value);
    }
  }
}
