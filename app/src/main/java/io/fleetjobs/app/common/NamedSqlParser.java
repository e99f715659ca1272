package io.fleetjobs.app.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code :name} placeholders of a statement. A placeholder is a colon, then a letter or {@code _}, then
 * letters, digits or {@code _}. Not placeholders: {@code ::} casts (PostgreSQL), and anything inside
 * {@code '...'} strings (with {@code ''} escapes), {@code "..."} identifiers, {@code --} and {@code /* *}{@code /}
 * comments. A {@code ?} elsewhere is refused: it would shift the indexes the names are bound at.
 */
final class NamedSqlParser {

  private final String sql;
  private final List<String> fragments = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final StringBuilder fragment = new StringBuilder();
  private int pos;

  private NamedSqlParser(String sql) {
    this.sql = sql;
  }

  static NamedSql parse(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("no SQL to parse");
    }
    NamedSqlParser parser = new NamedSqlParser(sql);
    parser.run();
    return new NamedSql(sql, parser.fragments, parser.names);
  }

  private void run() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '\'' || c == '"') {
        copyThrough(String.valueOf(c), pos + 1, c == '\'' ? "string literal" : "quoted identifier");
      } else if (sql.startsWith("--", pos)) {
        int end = sql.indexOf('\n', pos);
        copyTo(end < 0 ? sql.length() : end + 1);
      } else if (sql.startsWith("/*", pos)) {
        copyThrough("*/", pos + 2, "comment");
      } else if (sql.startsWith("::", pos)) {
        copyTo(pos + 2);
      } else if (c == ':' && pos + 1 < sql.length() && isNameStart(sql.charAt(pos + 1))) {
        placeholder();
      } else if (c == '?') {
        throw new IllegalArgumentException("a positional ? at " + pos + " in SQL with :name placeholders: " + sql);
      } else {
        copyTo(pos + 1);
      }
    }
    fragments.add(fragment.toString());
  }

  /** Copies up to and including the next {@code close} at or after {@code from}: {@code ''} reads as close-and-open. */
  private void copyThrough(String close, int from, String what) {
    int end = sql.indexOf(close, from);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated " + what + " at " + pos + ": " + sql);
    }
    copyTo(end + close.length());
  }

  private void copyTo(int end) {
    fragment.append(sql, pos, end);
    pos = end;
  }

  private void placeholder() {
    int end = pos + 1;
    while (end < sql.length() && isNamePart(sql.charAt(end))) {
      end++;
    }
    names.add(sql.substring(pos + 1, end));
    fragments.add(fragment.toString());
    fragment.setLength(0);
    pos = end;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c < 128 && Character.isLetter(c));
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
