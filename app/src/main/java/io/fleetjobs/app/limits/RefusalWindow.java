package io.fleetjobs.app.limits;

import java.util.Map;
import java.util.TreeMap;

/**
 * One device's refusals within one log interval: how many of each code, the first of them, the error replies it got
 * and was denied, and its disconnects. Mutated only inside {@link DeviceRefusals}' map operations.
 */
final class RefusalWindow {

  private static final int MAX_TEXT = 200;

  final long openedAt;
  private final Map<String, Long> byCode = new TreeMap<>();
  private long count;
  private String first;
  private int replies;
  private long repliesDenied;
  private long disconnects;
  private long connectsRefused;

  RefusalWindow(long openedAt) {
    this.openedAt = openedAt;
  }

  /** Counts one refusal into the summary. */
  void add(String code, String topic, String detail) {
    count++;
    byCode.merge(code, 1L, Long::sum);
    if (first == null) {
      first = describe(code, topic, detail);
    }
  }

  /** Takes one of the interval's {@code allowed} error replies; false (and counted) when they are used up. */
  boolean takeReply(int allowed) {
    if (replies < allowed) {
      replies++;
      return true;
    }
    repliesDenied++;
    return false;
  }

  void disconnected() {
    disconnects++;
  }

  void connectRefused() {
    connectsRefused++;
  }

  /** Nothing happened in this window beyond what was logged when it opened. */
  boolean quiet() {
    return count == 0 && repliesDenied == 0 && disconnects == 0 && connectsRefused == 0;
  }

  /** The summary line of this window, for device {@code deviceId}. */
  String summary(String deviceId, long seconds) {
    StringBuilder line = new StringBuilder("Device '").append(clip(deviceId)).append("': ");
    if (count > 0) {
      line.append(count).append(count == 1 ? " more message" : " more messages").append(" refused in the last ").append(seconds)
          .append(" s (");
      byCode.forEach((code, n) -> line.append(n).append(' ').append(code).append(", "));
      line.setLength(line.length() - 2);
      line.append("); the first of them: ").append(first);
    } else {
      line.append("no more messages refused in the last ").append(seconds).append(" s");
    }
    if (repliesDenied > 0) {
      line.append("; ").append(repliesDenied).append(repliesDenied == 1 ? " error reply" : " error replies").append(" not sent");
    }
    if (disconnects > 0) {
      line.append("; disconnected ").append(disconnects).append(disconnects == 1 ? " time" : " times").append(" for its message rate");
    }
    if (connectsRefused > 0) {
      line.append("; ").append(connectsRefused).append(connectsRefused == 1 ? " connect" : " connects")
          .append(" refused until its allowance had refilled");
    }
    return line.toString();
  }

  /** {@code CODE on topic: detail}, device-supplied text clipped and on one line. */
  static String describe(String code, String topic, String detail) {
    return code + (topic == null ? "" : " on " + clip(topic)) + (detail == null ? "" : ": " + clip(detail));
  }

  /** At most 200 characters of {@code text}, control characters (line breaks) replaced: a device cannot forge log lines. */
  static String clip(String text) {
    String flat = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT) + "…";
  }
}
