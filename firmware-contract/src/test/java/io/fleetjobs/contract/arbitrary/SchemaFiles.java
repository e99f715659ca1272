package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schema files, read from the classpath as a firmware writer would read them from disk, with
 * {@code $ref}s resolved against the file they appear in ({@code defs.schema.json#/$defs/id}, {@code #/$defs/name}).
 */
final class SchemaFiles {

  /** A schema object and the file it belongs to, which its own {@code $ref}s are relative to. */
  record Located(JsonNode node, String file) {}

  private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();

  private SchemaFiles() {}

  /** The root schema of a message of the contract. */
  static Located root(Class<?> message) {
    String resource = Schemas.resource(message);
    String file = resource.substring(Schemas.FOLDER.length());
    return new Located(file(file), file);
  }

  /** What {@code ref} points to, read from {@code from}'s file. */
  static Located resolve(String ref, String from) {
    int hash = ref.indexOf('#');
    String file = hash == 0 ? from : hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode target = file(file).at(JsonPointer.compile(pointer));
    if (target.isMissingNode()) {
      throw new IllegalStateException("$ref " + ref + " in " + from + " points nowhere");
    }
    return new Located(target, file);
  }

  private static JsonNode file(String name) {
    return FILES.computeIfAbsent(name, n -> {
      try (InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(Schemas.FOLDER + n)) {
        if (in == null) {
          throw new IllegalStateException("no schema file " + n);
        }
        return ContractJson.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
