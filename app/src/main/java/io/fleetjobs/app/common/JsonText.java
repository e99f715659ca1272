package io.fleetjobs.app.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetjobs.contract.ContractJson;
import java.util.Map;

/** Reads and writes the JSON documents stored in text columns, with the contract's mapper settings. */
public final class JsonText {

  private static final ObjectMapper MAPPER = ContractJson.mapper();
  private static final TypeReference<Map<String, JsonNode>> NODE_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private JsonText() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON column", e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  public static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  public static Map<String, JsonNode> nodeMap(String json) {
    return json == null ? Map.of() : read(json, NODE_MAP);
  }

  public static Map<String, String> stringMap(String json) {
    return json == null ? Map.of() : read(json, STRING_MAP);
  }
}
