package io.fleetjobs.app.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Request bodies are read as written. Micronaut's mapper would take {@code ["a"]} for {@code "a"} and {@code "a"}
 * for {@code ["a"]}; Jackson's would take {@code 1} or {@code "1"} for an enum's second value, {@code 1.5} for the
 * whole number 1, and {@code ""} for false, no number, no enum value or no instant (an API token's {@code
 * "expiresAt": ""} made one that never expires). Each is refused instead, naming the field
 * ({@link JsonProblems}). Nor are scalars of one JSON type read as another: {@code 42} or {@code true} is not the
 * string "42" or "true", and {@code "5"} or {@code "true"} is not a number or a boolean (a client that sends them has
 * a bug the API should show it, not hide). Free values
 * (a setting's value, a filter's value) keep their decimal as written, so that a number no 64-bit float holds
 * ({@code 1e400}, {@code 1e-400}) can be refused rather than stored as infinity or 0 ({@code JsonValues}).
 */
@Singleton
class StrictJson implements BeanCreatedEventListener<ObjectMapper> {

  @Override
  public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
    return strict(event.getBean());
  }

  /** {@code mapper}, made to read as this class says. */
  static ObjectMapper strict(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
        DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float, LogicalType.Enum,
        LogicalType.DateTime}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    for (CoercionInputShape scalar : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
    }
    for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }
}
