package io.fleetjobs.app.template;

import io.fleetjobs.app.common.JsonText;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

/** A template's definition as the JSON text of its column, written with the contract's mapper like every JSON column. */
@Singleton
class DefinitionColumn implements AttributeConverter<TemplateDefinition, String> {

  @Override
  public String convertToPersistedValue(TemplateDefinition definition, ConversionContext context) {
    return definition == null ? null : JsonText.write(definition);
  }

  @Override
  public TemplateDefinition convertToEntityValue(String json, ConversionContext context) {
    return json == null ? null : JsonText.read(json, TemplateDefinition.class);
  }
}
