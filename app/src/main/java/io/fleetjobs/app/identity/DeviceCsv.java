package io.fleetjobs.app.identity;

import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.app.device.DeviceRequest;
import io.fleetjobs.app.device.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fleet as CSV (RFC 4180), for bulk registration: a header row naming the columns {@code id}, {@code template}
 * (both required), {@code name}, {@code transport} (MQTT or COAP), {@code gatewayId}, and {@code attributes.<name>}
 * for each attribute; then one device per row. Also writes the answer's credentials as {@code deviceId,secret}, the
 * file the simulator reads.
 */
final class DeviceCsv {

  private static final List<String> PLAIN = List.of("id", "name", "template", "transport", "gatewayId");

  private DeviceCsv() {}

  static List<DeviceRequest> read(String csv) {
    List<List<String>> rows = parse(csv);
    if (rows.isEmpty()) {
      throw Refusal.invalid(null, "the CSV holds no header row");
    }
    List<String> header = rows.get(0);
    for (String column : header) {
      if (!PLAIN.contains(column) && !column.startsWith("attributes.")) {
        throw Refusal.invalid("header", "unknown column '" + column + "': use id, name, template, transport, gatewayId, attributes.<name>");
      }
    }
    if (!header.contains("id") || !header.contains("template")) {
      throw Refusal.invalid("header", "the header needs the columns id and template");
    }
    List<DeviceRequest> devices = new ArrayList<>(rows.size() - 1);
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (row.size() != header.size()) {
        throw Refusal.invalid("[" + (devices.size()) + "]", "row " + (r + 1) + " has " + row.size() + " fields, the header " + header.size());
      }
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> attributes = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        String column = header.get(c);
        String value = row.get(c);
        if (column.startsWith("attributes.")) {
          if (!value.isEmpty()) {
            attributes.put(column.substring("attributes.".length()), value);
          }
        } else {
          values.put(column, value.isEmpty() ? null : value);
        }
      }
      devices.add(new DeviceRequest(values.get("id"), values.get("name"), values.get("template"), attributes,
          transport(values.get("transport"), devices.size()), values.get("gatewayId")));
    }
    return devices;
  }

  static String credentials(List<io.fleetjobs.app.device.DeviceView> devices) {
    StringBuilder out = new StringBuilder("deviceId,secret\r\n");
    for (var d : devices) {
      if (d.credential() != null) {
        out.append(d.id()).append(',').append(d.credential().secret()).append("\r\n"); // neither ever needs quoting
      }
    }
    return out.toString();
  }

  private static Transport transport(String value, int index) {
    if (value == null) {
      return null;
    }
    try {
      return Transport.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("[" + index + "].transport", "transport is MQTT or COAP, not '" + value + "'");
    }
  }

  /** RFC 4180: fields separated by commas, optionally in double quotes (a quote doubled inside), CRLF or LF rows. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < csv.length(); i++) {
      char ch = csv.charAt(i);
      any = true;
      if (quoted) {
        if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw Refusal.invalid(null, "the CSV ends inside a quoted field");
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /**
   * Whether an Accept header asks for the CSV answer: its most preferred type (highest quality, then first) that is
   * CSV or JSON decides; a wildcard, or no Accept, means JSON.
   */
  static boolean preferred(java.util.List<io.micronaut.http.MediaType> accept) {
    return accept.stream()
        .sorted(java.util.Comparator.comparing(io.micronaut.http.MediaType::getQualityAsNumber).reversed())
        .map(io.micronaut.http.MediaType::getName)
        .filter(name -> name.equals("text/csv") || name.equals("application/json") || name.endsWith("/*"))
        .findFirst()
        .map("text/csv"::equals)
        .orElse(false);
  }
}
