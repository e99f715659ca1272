package io.fleetjobs.app.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Documentation only: what the OpenAPI document calls a {@code JsonNode} (openapi.properties maps it here). Its schema
 * is written out in {@code src/main/openapi/any-value.yml}, because "any JSON value" has no Java type micronaut-openapi
 * would render without {@code type: object}.
 */
@Schema(name = "AnyValue", description = "any JSON value")
public final class AnyValue {

  private AnyValue() {}
}
