package io.fleetjobs.sim.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The soak's readings as the report shows them: a table over time (JSON: {@code series.soak}), and per figure the
 * first and last third's means with the verdict "flat" ({@link Flatness}), and one verdict for all.
 */
final class SoakSeries {

  /** One figure of a reading, and how much growth is still flat for it in absolute terms (a few files are noise). */
  private record Figure(String key, String label, ToLongFunction<ServiceProbe.Sample> value, double slack, boolean bytes) {}

  private static final List<Figure> FIGURES = List.of(
      new Figure("Heap", "heap after GC", ServiceProbe.Sample::heapBytes, 16 * 1024 * 1024, true),
      new Figure("OpenFiles", "open files", ServiceProbe.Sample::openFiles, 16, false),
      new Figure("Threads", "threads", ServiceProbe.Sample::threads, 4, false),
      new Figure("Database", "H2 database file", ServiceProbe.Sample::databaseBytes, 8 * 1024 * 1024, true));

  private final List<ServiceProbe.Sample> samples;
  private final Map<String, Long> counts;
  private final SoakPhase.Settings settings;

  SoakSeries(List<ServiceProbe.Sample> samples, Map<String, Long> counts, SoakPhase.Settings settings) {
    this.samples = List.copyOf(samples);
    this.counts = counts;
    this.settings = settings;
  }

  void report(Report report, int warmUp) {
    List<Map<String, Object>> table = new ArrayList<>();
    for (ServiceProbe.Sample s : samples) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("time", SoakPhase.clock(s.seconds()));
      row.put("seconds", s.seconds());
      row.put("heapBytes", s.heapBytes());
      row.put("openFiles", s.openFiles());
      row.put("threads", s.threads());
      row.put("databaseBytes", s.databaseBytes());
      table.add(row);
    }
    report.series("soak", table, List.of("time", "heap MB", "open files", "threads", "database MB"), row -> List.of(
        (String) row.get("time"), mb((Long) row.get("heapBytes")), count((Long) row.get("openFiles")), count((Long) row.get("threads")),
        mb((Long) row.get("databaseBytes"))));
    report.fact("soak", Map.of("duration", settings.duration().toString(), "sampleEvery", settings.sample().toString(),
        "warmUpLeftOut", settings.warmUp().toString(), "churnPerJob", settings.churn(), "reRegisteredPerJob", settings.reRegister(),
        "flatWhen", "the last third's mean at most " + (int) SoakPhase.PERCENT + " % (or a small absolute slack) above the first third's,"
            + " after the warm-up", "counts", counts));
    long cycles = counts.getOrDefault("cycles", 0L);
    report.add("soakJobs", "soak: jobs run (new, copies, stopped half-way), each purged after the next", cycles, "%,d".formatted(cycles),
        null, null);
    boolean all = true;
    boolean any = false;
    for (Figure f : FIGURES) {
      Flatness flat = Flatness.of(samples.stream().map(f.value()::applyAsLong).toList(), warmUp, SoakPhase.PERCENT, f.slack());
      boolean measured = !Double.isNaN(flat.first());
      String first = measured ? shown(f, flat.first()) : "";
      String last = measured ? shown(f, flat.last()) : "";
      report.add("soak" + f.key() + "First", "soak: " + f.label() + ", first third's mean", measured ? Math.round(flat.first()) : null,
          first, null, null);
      report.add("soak" + f.key() + "Last", "soak: " + f.label() + ", last third's mean (%+.1f %%)".formatted(flat.changePercent()),
          measured ? Math.round(flat.last()) : null, last, "flat", measured ? flat.flat() : null);
      if (measured) {
        any = true;
        all &= flat.flat();
      }
    }
    report.add("soakFlat", "soak: every figure flat", any ? all : null, all ? "flat" : "growing", "flat", any ? all : null);
  }

  private static String shown(Figure f, double value) {
    return f.bytes() ? "%,.1f MB".formatted(value / 1024 / 1024) : "%,.1f".formatted(value);
  }

  static String mb(long bytes) {
    return bytes < 0 ? "n/a" : "%,.1f".formatted(bytes / 1024.0 / 1024.0);
  }

  private static String count(long n) {
    return n < 0 ? "n/a" : "%,d".formatted(n);
  }
}
