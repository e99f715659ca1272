package io.fleetjobs.app.deviceset;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fleetjobs.app.common.JsonText;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.List;

/** A set's conditions as the JSON array of its column, written with the contract's mapper like every JSON column. */
@Singleton
class ConditionsColumn implements AttributeConverter<List<Condition>, String> {

  private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {};

  @Override
  public String convertToPersistedValue(List<Condition> conditions, ConversionContext context) {
    return conditions == null ? null : JsonText.write(conditions);
  }

  @Override
  public List<Condition> convertToEntityValue(String json, ConversionContext context) {
    return json == null ? null : JsonText.read(json, CONDITIONS);
  }
}
