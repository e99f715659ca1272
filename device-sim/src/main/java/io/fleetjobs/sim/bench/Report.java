package io.fleetjobs.sim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench's figures: a table for people (with targets and PASS/MISS) and JSON for machines. */
final class Report {

  /** One row. {@code pass} is null where no target applies (or the figure is missing). */
  record Row(String key, String label, Object value, String shown, String target, Boolean pass) {}

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, List<Map<String, Object>>> series = new LinkedHashMap<>();
  private final List<String> printedSeries = new ArrayList<>();

  /**
   * A table of readings over time ({@code series.<key>} in the JSON), printed with {@code headers} and each row's
   * {@code cells} before the figures.
   */
  void series(String key, List<Map<String, Object>> rows, List<String> headers,
      java.util.function.Function<Map<String, Object>, List<String>> cells) {
    series.put(key, rows);
    int[] widths = headers.stream().mapToInt(String::length).toArray();
    List<List<String>> lines = rows.stream().map(cells).toList();
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder(key).append(":\n");
    java.util.function.Consumer<List<String>> print = line -> {
      for (int i = 0; i < widths.length; i++) {
        text.append(i == 0 ? "" : " | ").append(("%" + widths[i] + "s").formatted(line.get(i)));
      }
      text.append('\n');
    };
    print.accept(headers);
    lines.forEach(print);
    printedSeries.add(text.toString());
  }

  void fact(String key, Object value) {
    facts.put(key, value);
  }

  void note(String note) {
    notes.add(note);
  }

  void add(String key, String label, Object value, String shown, String target, Boolean pass) {
    rows.add(new Row(key, label, value, value == null ? "n/a" : shown, target == null ? "" : target, value == null ? null : pass));
  }

  void print(PrintStream out) {
    int labelWidth = rows.stream().mapToInt(r -> r.label().length()).max().orElse(10);
    int valueWidth = Math.max(5, rows.stream().mapToInt(r -> r.shown().length()).max().orElse(5));
    int targetWidth = Math.max(6, rows.stream().mapToInt(r -> r.target().length()).max().orElse(6));
    String format = "%-" + labelWidth + "s | %" + valueWidth + "s | %-" + targetWidth + "s | %s%n";
    out.println();
    facts.forEach((k, v) -> out.println(k + ": " + v));
    printedSeries.forEach(out::print);
    out.printf(format, "figure", "value", "target", "");
    out.println("-".repeat(labelWidth + valueWidth + targetWidth + 14));
    for (Row r : rows) {
      out.printf(format, r.label(), r.shown(), r.target(), r.pass() == null ? "" : r.pass() ? "PASS" : "MISS");
    }
    notes.forEach(n -> out.println("note: " + n));
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>(facts);
    Map<String, Object> figures = new LinkedHashMap<>();
    List<Map<String, Object>> table = new ArrayList<>();
    for (Row r : rows) {
      figures.put(r.key(), r.value());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", r.key());
      row.put("label", r.label());
      row.put("value", r.value());
      row.put("target", r.target());
      row.put("verdict", r.pass() == null ? null : r.pass() ? "PASS" : "MISS");
      table.add(row);
    }
    root.put("figures", figures);
    root.put("table", table);
    root.put("notes", notes);
    if (!series.isEmpty()) {
      root.put("series", series);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }
}
