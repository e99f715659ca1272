package io.fleetjobs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Validates documents against the published JSON Schemas, loaded from the classpath as a user would from files. */
final class SchemaCheck {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.schemaMappers(m -> m.mapPrefix("https://fleetjobs.io/contract/v1/", "classpath:" + Schemas.FOLDER)));
  // draft 2020-12 treats "format" as an annotation; asserting it checks dates a pattern cannot (month 13, Feb 30)
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<Class<?>, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private SchemaCheck() {}

  static JsonSchema schema(Class<?> type) {
    return SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(SchemaLocation.of("classpath:" + Schemas.resource(t)), CONFIG));
  }

  /** Why the schema refuses {@code json}; empty when it accepts it. */
  static List<String> errors(Class<?> type, JsonNode json) {
    return schema(type).validate(json).stream().map(ValidationMessage::getMessage).toList();
  }

  static boolean accepts(Class<?> type, JsonNode json) {
    return errors(type, json).isEmpty();
  }
}
