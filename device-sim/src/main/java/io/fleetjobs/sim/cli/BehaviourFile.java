package io.fleetjobs.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.sim.Behaviour;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/**
 * Behaviour knobs from a file: JSON ({@code {"latency": "50..500ms", "failureRate": 0.1}}) or Java properties
 * ({@code failureRate=0.1}). Keys: latency, failureRate, rejectRate, silentRate, malformedRate, churnEvery, churnFor,
 * progressUpdates, propertyReports, seed. Absent keys keep the value they had.
 */
final class BehaviourFile {

  private BehaviourFile() {}

  static Behaviour.Builder apply(Path file, Behaviour.Builder builder) throws IOException {
    Function<String, String> value = file.toString().endsWith(".json") ? json(file) : properties(file);
    set(value, "latency", v -> {
      var range = Durations.range(v);
      builder.latency(range[0], range[1]);
    });
    set(value, "failureRate", v -> builder.failureRate(Double.parseDouble(v)));
    set(value, "rejectRate", v -> builder.rejectRate(Double.parseDouble(v)));
    set(value, "silentRate", v -> builder.silentRate(Double.parseDouble(v)));
    set(value, "malformedRate", v -> builder.malformedRate(Double.parseDouble(v)));
    set(value, "progressUpdates", v -> builder.progressUpdates(Boolean.parseBoolean(v)));
    set(value, "seed", v -> builder.seed(Long.parseLong(v)));
    set(value, "propertyReports", v -> builder.propertyReports(Boolean.parseBoolean(v)));
    String every = value.apply("churnEvery");
    if (every != null) {
      String offlineFor = value.apply("churnFor");
      builder.churn(Durations.parse(every), offlineFor == null ? null : Durations.parse(offlineFor));
    }
    return builder;
  }

  private static void set(Function<String, String> value, String key, java.util.function.Consumer<String> setter) {
    String v = value.apply(key);
    if (v != null) {
      try {
        setter.accept(v);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("behaviour file: '" + key + "' = '" + v + "' is not valid: " + e.getMessage(), e);
      }
    }
  }

  private static Function<String, String> json(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("behaviour file " + file + " must hold a JSON object");
    }
    return key -> root.hasNonNull(key) ? root.get(key).asText() : null;
  }

  private static Function<String, String> properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      p.load(reader);
    }
    return p::getProperty;
  }
}
