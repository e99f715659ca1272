package io.fleetjobs.contract.arbitrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetjobs.contract.message.EnrolmentRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PendingRequest;
import io.fleetjobs.contract.message.Presence;
import io.fleetjobs.contract.message.PropertyReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Messages of the firmware contract generated from its JSON Schema files (not from hand-written lists): valid ones,
 * and broken ones of every kind ({@link Breakage}) with the answer the contract gives each. Everything is derived by
 * walking the schemas' properties, types, enums, patterns, formats and limits, so changing a schema changes what is
 * generated; a keyword or pattern the generators do not understand fails loudly instead of being skipped.
 */
public final class ContractArbitraries {

  /** The messages devices send (the service's side of the contract). */
  public static final List<Class<?>> DEVICE_MESSAGES =
      List.of(Presence.class, PendingRequest.class, ExecutionUpdate.class, PropertyReport.class, EnrolmentRequest.class);

  private ContractArbitraries() {}

  /** Valid documents of {@code message}'s schema. */
  public static Arbitrary<JsonNode> valid(Class<?> message) {
    return ValidJson.of(Facets.of(SchemaFiles.root(message)));
  }

  /** Broken messages of every kind, each made from a valid document of {@code message}. */
  public static Arbitrary<Broken> broken(Class<?> message) {
    return broken(message, valid(message));
  }

  /** Broken messages made from the given valid documents (a device's real execution id in them, say). */
  public static Arbitrary<Broken> broken(Class<?> message, Arbitrary<JsonNode> valid) {
    // one way chosen first, then only its arbitrary made: making them all for every document is slow
    return valid.flatMap(document -> Arbitraries.of(breakages(message, document)).flatMap(Supplier::get));
  }

  /** Every way to break {@code document}: each place of it broken each way its facets allow, and its bytes. */
  static List<Supplier<Arbitrary<Broken>>> breakages(Class<?> message, JsonNode document) {
    List<Supplier<Arbitrary<Broken>>> ways = new ArrayList<>();
    for (Places.Place place : Places.of(document, Facets.of(SchemaFiles.root(message)))) {
      ways.addAll(FieldBreakages.of(message, document, place));
    }
    ways.addAll(ByteBreakages.of(message, document));
    return ways;
  }

  /** {@code document} with an unknown field padded so that its UTF-8 encoding is {@code size} bytes (at least). */
  public static byte[] padded(JsonNode document, int size) {
    ObjectNode copy = document.deepCopy();
    copy.put("padding", "");
    int missing = Math.max(0, size - copy.toString().getBytes(StandardCharsets.UTF_8).length);
    copy.put("padding", "x".repeat(missing));
    return copy.toString().getBytes(StandardCharsets.UTF_8);
  }
}
