package io.fleetjobs.app.support.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The served OpenAPI document (the one micronaut-openapi writes at compile time) as a checker of answers: is the
 * status documented for the operation, and does the body match the documented schema. Schemas are checked by
 * networknt's validator in its OpenAPI 3.0 dialect ({@code nullable}), with the document's components beside them so
 * {@code $ref}s resolve.
 */
public final class DocumentedResponses {

  /** Where micronaut-openapi writes the document; it is on the test classpath. */
  public static final String DOCUMENT = "META-INF/swagger/fleet-jobs-1.yml";

  private static final DocumentedResponses SERVED = load(DOCUMENT);

  private final JsonNode document;
  private final List<Route> routes;
  private final Map<JsonNode, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).build();

  DocumentedResponses(JsonNode document) {
    this.document = document;
    List<Route> found = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> found.add(Route.of(path.getKey(), path.getValue())));
    // a literal segment wins over a parameter: /api/jobs/events before /api/jobs/{id}
    found.sort(Comparator.comparingInt(Route::parameters));
    this.routes = List.copyOf(found);
  }

  /** The document the service serves under /swagger. */
  public static DocumentedResponses served() {
    return SERVED;
  }

  static DocumentedResponses load(String resource) {
    try (InputStream in = DocumentedResponses.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath: compile app first (micronaut-openapi writes it)");
      }
      Object yaml = new Yaml().load(in);
      return new DocumentedResponses(new ObjectMapper().valueToTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What is wrong with an answer by the document; empty when it conforms. Paths the document does not describe (the
   * console, /health, /swagger itself) are not checked.
   *
   * @param body the parsed JSON body, or null when there was none or it was not JSON
   */
  public List<String> mismatches(String method, String path, int status, String contentType, JsonNode body) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Optional<Route> route = routes.stream().filter(r -> r.matches(bare)).findFirst();
    if (route.isEmpty()) {
      return List.of();
    }
    JsonNode operation = route.get().item().path(method.toLowerCase());
    if (operation.isMissingNode()) {
      return status == 405 || status == 404 ? List.of() : List.of(method + " " + route.get().template() + " is not documented, yet answered " + status);
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      response = operation.path("responses").path("default");
    }
    String where = method + " " + route.get().template() + " " + status;
    if (response.isMissingNode()) {
      return List.of(where + " is not a documented status (documented: " + names(operation.path("responses")) + ")");
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      return body == null ? List.of() : List.of(where + " documents no body, yet one came: " + body);
    }
    String type = contentType == null ? null : contentType.split(";")[0].trim();
    JsonNode media = type == null ? null : content.get(type);
    if (media == null) {
      return List.of(where + " answered " + contentType + "; documented: " + names(content));
    }
    if (body == null || !type.endsWith("json")) {
      return List.of();
    }
    Set<ValidationMessage> messages = schema(media.path("schema")).validate(body);
    return messages.stream().map(m -> where + ": " + m.getMessage()).sorted().toList();
  }

  private JsonSchema schema(JsonNode schema) {
    return schemas.computeIfAbsent(schema, s -> {
      ObjectNode root = s.deepCopy();
      if (root.has("$ref")) {
        // a $ref beside other keywords is ignored in draft 4: wrap it
        ObjectNode wrapper = root.objectNode();
        wrapper.putArray("allOf").add(root);
        root = wrapper;
      }
      root.set("components", document.path("components"));
      return factory.getSchema(nullableAsWritten(root), config);
    });
  }

  /**
   * OpenAPI 3.0.1's {@code nullable: true} allows null for the schema it is written on, {@code allOf: [$ref]} beside it
   * included (how micronaut-openapi writes a nullable reference, and how generators read it); networknt honours it only
   * beside {@code type}. So each such schema is given the null explicitly.
   */
  static JsonNode nullableAsWritten(JsonNode node) {
    if (node.isArray()) {
      var copy = node.deepCopy();
      for (int i = 0; i < copy.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) copy).set(i, nullableAsWritten(node.get(i)));
      }
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode copy = ((ObjectNode) node).objectNode();
    node.fields().forEachRemaining(field -> copy.set(field.getKey(), nullableAsWritten(field.getValue())));
    if (!copy.path("nullable").asBoolean(false)) {
      return copy;
    }
    copy.remove("nullable");
    ObjectNode either = copy.objectNode();
    either.putArray("anyOf").add(copy.objectNode().set("enum", copy.arrayNode().addNull())).add(copy);
    return either;
  }

  private static String names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  private record Route(String template, Pattern pattern, int parameters, JsonNode item) {

    static Route of(String template, JsonNode item) {
      StringBuilder regex = new StringBuilder();
      int parameters = 0;
      for (Iterator<String> it = List.of(template.split("(?=\\{)|(?<=\\})")).iterator(); it.hasNext(); ) {
        String part = it.next();
        if (part.startsWith("{")) {
          regex.append("[^/]+");
          parameters++;
        } else {
          regex.append(Pattern.quote(part));
        }
      }
      return new Route(template, Pattern.compile(regex.toString()), parameters, item);
    }

    boolean matches(String path) {
      return pattern.matcher(path).matches();
    }
  }
}
