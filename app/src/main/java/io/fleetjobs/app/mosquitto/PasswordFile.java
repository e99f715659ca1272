package io.fleetjobs.app.mosquitto;

import java.util.List;
import java.util.Optional;

/**
 * A mosquitto password file: one {@code user:hash} line per account. The hashes are the service's stored
 * {@code $6$<salt>$<sha512>} values, which mosquitto 2.0 reads as they are. No comment lines: mosquitto would read one
 * as an account of that name without a password.
 */
final class PasswordFile {

  /** One account: its user name and its stored hash. */
  record Entry(String username, String hash) {}

  private PasswordFile() {}

  /**
   * Whether mosquitto can hold this user name: it splits a line at the first {@code ':'}, so a device id with one (the
   * contract allows it) would become another name with a broken hash, and mosquitto drops that entry.
   */
  static boolean representable(String username) {
    return !username.isEmpty() && username.indexOf(':') < 0 && username.chars().noneMatch(Character::isWhitespace);
  }

  static String render(List<Entry> entries) {
    StringBuilder text = new StringBuilder(entries.size() * 128);
    for (Entry e : entries) {
      if (!representable(e.username())) {
        throw new IllegalArgumentException("mosquitto's password file cannot hold the user name '" + e.username() + "'");
      }
      text.append(e.username()).append(':').append(e.hash()).append('\n');
    }
    return text.toString();
  }

  /** The hash a password file's text holds for {@code username}, if any. */
  static Optional<String> hashOf(String text, String username) {
    String prefix = username + ":";
    return text.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).findFirst();
  }
}
