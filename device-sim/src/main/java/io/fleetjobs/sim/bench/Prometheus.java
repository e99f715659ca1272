package io.fleetjobs.sim.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of the service's {@code /prometheus}: each series (its name with labels, as written) and its value, so
 * that a phase can say what a counter did between two readings.
 */
final class Prometheus {

  private final Map<String, Double> series;

  private Prometheus(Map<String, Double> series) {
    this.series = series;
  }

  static Prometheus read(Rest rest) {
    return parse(Rest.ok(rest.get("/prometheus"), "GET /prometheus").text());
  }

  static Prometheus parse(String text) {
    Map<String, Double> series = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (line.isEmpty() || line.startsWith("#") || space < 0) {
        continue;
      }
      try {
        series.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException notAValue) {
        // a line this reader does not understand: not a figure the bench uses
      }
    }
    return new Prometheus(series);
  }

  /** The sum of every series of metric {@code name} (all its label sets); 0 when absent. */
  double total(String name) {
    return of(name).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Each series of metric {@code name}, by its labels ({@code code="MALFORMED_JSON"}, or "" without labels). */
  Map<String, Double> of(String name) {
    Map<String, Double> found = new LinkedHashMap<>();
    series.forEach((key, value) -> {
      if (key.equals(name)) {
        found.put("", value);
      } else if (key.startsWith(name + "{")) {
        found.put(key.substring(name.length() + 1, key.length() - 1), value);
      }
    });
    return found;
  }

  /** What each series of {@code name} grew by since {@code before} (series that did not move are left out). */
  Map<String, Long> since(Prometheus before, String name) {
    Map<String, Long> grown = new LinkedHashMap<>();
    Map<String, Double> then = before.of(name);
    of(name).forEach((labels, value) -> {
      long delta = Math.round(value - then.getOrDefault(labels, 0.0));
      if (delta != 0) {
        grown.put(labels, delta);
      }
    });
    return grown;
  }
}
