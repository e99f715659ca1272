package io.fleetjobs.app.api;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's reference chain into a JSON path such as {@code operations[1].value}. */
public final class JsonPaths {

  private JsonPaths() {}

  public static String of(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }
}
