package io.fleetjobs.contract;

/**
 * Checks that a payload is UTF-8 as RFC 3629 defines it, before the JSON parser sees it: the parser accepts overlong
 * forms and sequences beyond U+10FFFF, and guesses UTF-16 or UTF-32 from NUL bytes, so a device sending either would
 * otherwise be understood (or misunderstood) instead of told. A NUL byte is refused too: JSON text never holds one
 * raw (inside a string it is written {@code \u0000}).
 */
final class Utf8 {

  private Utf8() {}

  /** Null when {@code bytes} are UTF-8 without NUL, else what is wrong, with the offset of the first bad byte. */
  static String problem(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        return "a NUL byte at offset " + i + " (JSON text is UTF-8; UTF-16 and UTF-32 are not accepted)";
      }
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      if (b >= 0xc2 && b <= 0xdf) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        length = 3;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4;
        min = 0x10000;
      } else {
        return notUtf8(b, i);
      }
      if (i + length > bytes.length) {
        return notUtf8(b, i);
      }
      int codePoint = b & (0xff >> (length + 1));
      for (int k = 1; k < length; k++) {
        int next = bytes[i + k] & 0xff;
        if ((next & 0xc0) != 0x80) {
          return notUtf8(next, i + k);
        }
        codePoint = (codePoint << 6) | (next & 0x3f);
      }
      if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return notUtf8(b, i); // overlong, beyond Unicode, or a surrogate
      }
      i += length;
    }
    return null;
  }

  private static String notUtf8(int b, int offset) {
    return "not UTF-8: byte 0x%02x at offset %d".formatted(b, offset);
  }
}
