package io.fleetjobs.contract.arbitrary;

import java.time.YearMonth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Strings for {@code "format": "date-time"}: RFC 3339 instants as §3 of the contract narrows them (seconds and a zone
 * required, offsets up to ±18:00, no hour 24), and strings that look like one but are not.
 */
final class Timestamps {

  private Timestamps() {}

  static Arbitrary<String> valid() {
    Arbitrary<YearMonth> months = Combinators.combine(Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(1, 12))
        .as(YearMonth::of);
    Arbitrary<String> dates = months.flatMap(m -> Arbitraries.integers().between(1, m.lengthOfMonth())
        .map(d -> "%04d-%02d-%02d".formatted(m.getYear(), m.getMonthValue(), d)));
    Arbitrary<String> times = Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59),
        Arbitraries.integers().between(0, 59), fraction()).as((h, m, s, f) -> "%02d:%02d:%02d%s".formatted(h, m, s, f));
    return Combinators.combine(dates, Arbitraries.of("T", "t"), times, zone()).as((d, t, time, z) -> d + t + time + z);
  }

  private static Arbitrary<String> fraction() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(digits -> "." + digits)));
  }

  private static Arbitrary<String> zone() {
    Arbitrary<String> offsets = Combinators.combine(Arbitraries.of("+", "-"), Arbitraries.integers().between(0, 18 * 60))
        .as((sign, minutes) -> "%s%02d:%02d".formatted(minutes == 0 ? "+" : sign, minutes / 60, minutes % 60)); // -00:00: unknown
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.of("Z", "z")), net.jqwik.api.Tuple.of(1, offsets));
  }

  /** Strings of timestamp shape (or close to it) that are not valid instants. */
  static Arbitrary<String> invalid() {
    return Arbitraries.oneOf(
        valid().map(t -> t.substring(0, 5) + "13" + t.substring(7)), // month 13
        valid().map(t -> t.substring(0, 5) + "00" + t.substring(7)), // month 00
        valid().map(t -> t.substring(0, 8) + "32" + t.substring(10)), // day 32
        Arbitraries.of("2026-02-29T10:00:00Z", "2025-04-31T10:00:00Z", "1900-02-29T00:00:00Z"), // no such day
        Combinators.combine(valid(), Arbitraries.of("24", "25", "99")).as((t, h) -> t.substring(0, 11) + h + t.substring(13)), // no hour 24
        valid().map(t -> t.substring(0, 14) + "60" + t.substring(16)), // minute 60
        valid().filter(t -> !t.substring(11, 16).equals("23:59")).map(t -> t.substring(0, 17) + "60" + t.substring(19)), // not a leap second
        valid().map(t -> t.substring(0, 16) + t.substring(19)), // no seconds
        valid().map(Timestamps::withoutZone),
        Combinators.combine(valid(), Arbitraries.of("+19:00", "-18:01", "+05:60", "+0500", "+5:00", "UTC", " Z", "-00:00"))
            .as((t, zone) -> withoutZone(t) + zone),
        valid().map(t -> withoutZone(t).substring(0, 19) + ".1234567890Z"), // ten fraction digits
        Combinators.combine(valid(), Arbitraries.of(" ", "_", "")).as((t, sep) -> t.substring(0, 10) + sep + t.substring(11)), // no T
        valid().map(t -> t.substring(0, 10)), // a date alone
        Arbitraries.longs().between(0, 4_102_444_800L).map(String::valueOf), // epoch seconds as text
        Arbitraries.of("", "now", "yesterday", "2026-11-24T09:00:00ZZ", "+2026-11-24T09:00:00Z", "12026-11-24T09:00:00Z"));
  }

  private static String withoutZone(String t) {
    int zone = Math.max(t.indexOf('Z'), Math.max(t.indexOf('z'), Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'))));
    return zone > 10 ? t.substring(0, zone) : t;
  }
}
