package io.fleetjobs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Example documents of every message, read from {@code examples/<message>.json} test resources: valid ones, and
 * refused ones with the code and field the service must answer with ({@code "expect": "MISSING_FIELD error"}).
 */
final class Examples {

  /** A document that must decode. */
  record Valid(Class<?> type, int index, JsonNode json) {
    @Override
    public String toString() {
      return type.getSimpleName() + " #" + index;
    }
  }

  /** A document that must be refused with {@code code}, naming {@code field} (null: the whole message). */
  record Refused(Class<?> type, String because, JsonNode json, ErrorCode code, String field) {
    @Override
    public String toString() {
      return type.getSimpleName() + ": " + because + " -> " + code + (field == null ? "" : " " + field);
    }
  }

  private Examples() {}

  static List<Class<?>> types() {
    return List.copyOf(Schemas.all().keySet());
  }

  static List<Valid> valid() {
    List<Valid> all = new ArrayList<>();
    for (Class<?> type : types()) {
      all.addAll(valid(type));
    }
    return all;
  }

  static List<Valid> valid(Class<?> type) {
    List<Valid> list = new ArrayList<>();
    for (JsonNode json : file(type).required("valid")) {
      list.add(new Valid(type, list.size(), json));
    }
    return list;
  }

  static List<Refused> refused() {
    List<Refused> all = new ArrayList<>();
    for (Class<?> type : types()) {
      for (JsonNode entry : file(type).required("refused")) {
        String[] expect = entry.required("expect").asText().split(" ", 2);
        all.add(new Refused(type, entry.required("because").asText(), entry.required("json"),
            ErrorCode.valueOf(expect[0]), expect.length > 1 ? expect[1] : null));
      }
    }
    return all;
  }

  /** examples/execution-update.json for ExecutionUpdate: named after the message's schema file. */
  private static JsonNode file(Class<?> type) {
    String schema = Schemas.resource(type);
    String name = schema.substring(schema.lastIndexOf('/') + 1).replace(".schema.json", ".json");
    try (InputStream in = Examples.class.getResourceAsStream("examples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no examples/" + name + " for " + type.getSimpleName());
      }
      return ContractJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
