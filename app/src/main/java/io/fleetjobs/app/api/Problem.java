package io.fleetjobs.app.api;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * An RFC 7807 problem detail, served as {@code application/problem+json}.
 *
 * @param errors the offending fields, as JSON paths into the request ({@code operations[1].value})
 */
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One offending field and what is wrong with it. */
  public record FieldError(@Nullable String field, String message) {}
}
