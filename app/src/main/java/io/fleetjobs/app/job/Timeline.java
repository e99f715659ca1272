package io.fleetjobs.app.job;

import java.time.Instant;

/**
 * Completions and failures of a job over time, in equal buckets from its start to its end (or now). {@code completed[i]}
 * devices completed, {@code failed[i]} failed, during bucket {@code i}; canceled devices are not counted.
 */
public record Timeline(Instant start, Instant end, long bucketMillis, long[] completed, long[] failed) {}
