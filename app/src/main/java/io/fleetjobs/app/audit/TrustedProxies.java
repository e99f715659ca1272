package io.fleetjobs.app.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request came from, given the reverse proxies in front of the service ({@code fleet.audit.trusted-proxies}).
 * The {@code X-Forwarded-For} header is believed only when the request came from a trusted proxy; then its hops are
 * read from the right, and the first that is not itself a trusted proxy is the client. Only address literals are
 * parsed, never resolved through DNS, so this never blocks.
 */
final class TrustedProxies {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private record Range(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (bytes[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** Parses addresses ({@code 10.0.0.5}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8}); refuses anything else. */
  static TrustedProxies of(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.trim().split("/", 2);
      InetAddress address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
          "fleet.audit.trusted-proxies: '" + entry + "' is not an IP address or CIDR range"));
      int bits = address.getAddress().length * 8;
      int prefix = bits;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("fleet.audit.trusted-proxies: '" + entry + "' has a prefix length out of 0-" + bits);
        }
      }
      ranges.add(new Range(address.getAddress(), prefix));
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  /** The client's address: {@code peer}, or what trusted proxies say in {@code forwardedFor} (may be null). */
  String client(InetAddress peer, String forwardedFor) {
    if (forwardedFor == null || ranges.isEmpty() || !trusted(peer)) {
      return peer.getHostAddress();
    }
    InetAddress nearest = peer;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(hops[i].trim());
      if (hop.isEmpty()) {
        break; // not an address: keep the last one a trusted proxy vouched for
      }
      nearest = hop.get();
      if (!trusted(nearest)) {
        break;
      }
    }
    return nearest.getHostAddress();
  }

  private boolean trusted(InetAddress address) {
    return ranges.stream().anyMatch(r -> r.contains(address));
  }

  /** An IPv4 or IPv6 literal; never a host name, so no DNS lookup happens. */
  static Optional<InetAddress> literal(String text) {
    String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (t.length() > 45 || !(IPV4.matcher(t).matches() || IPV6.matcher(t).matches())) {
      return Optional.empty();
    }
    try {
      if (IPV4.matcher(t).matches()) {
        byte[] bytes = new byte[4];
        String[] octets = t.split("\\.");
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(octets[i]);
          if (octet > 255) {
            return Optional.empty();
          }
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      return Optional.of(InetAddress.getByName(t)); // contains ':': parsed as IPv6 or refused, never looked up
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
