package io.fleetjobs.app.deviceset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.app.device.Device;
import io.fleetjobs.app.template.Template;
import io.fleetjobs.app.template.TemplateDefinition;
import io.fleetjobs.app.template.ValueType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceFilterTest {

  private static final Template FRIDGE = new Template("fridge", "Fridge", null, new TemplateDefinition(
      List.of(new TemplateDefinition.Property("temperature", ValueType.NUMBER, false)),
      List.of(new TemplateDefinition.Setting("fanSpeed", ValueType.INTEGER)), List.of()), null);

  private static final Device NORTH = new Device("d1", "Fridge 1", "fridge", Map.of("region", "north", "floor", "3"),
      Map.of("temperature", JsonNodeFactory.instance.numberNode(4.5)), true, Instant.EPOCH, Instant.EPOCH, null, io.fleetjobs.app.device.Transport.MQTT, null);

  private static Condition c(String field, Condition.Operator op, JsonNode value) {
    return new Condition(field, op, value);
  }

  @Test
  void conditionsOnAttributesPropertiesAndIdentityMatch() {
    assertThat(DeviceFilter.matches(NORTH, List.of(c("attributes.region", Condition.Operator.EQ, TextNode.valueOf("north"))))).isTrue();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("attributes.region", Condition.Operator.NE, TextNode.valueOf("north"))))).isFalse();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("properties.temperature", Condition.Operator.GT, IntNode.valueOf(4))))).isTrue();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("properties.temperature", Condition.Operator.LE, IntNode.valueOf(4))))).isFalse();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("attributes.floor", Condition.Operator.GE, IntNode.valueOf(3))))).isTrue();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("name", Condition.Operator.CONTAINS, TextNode.valueOf("dge 1"))))).isTrue();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("online", Condition.Operator.EQ, JsonNodeFactory.instance.booleanNode(true))))).isTrue();
    ArrayNode regions = JsonNodeFactory.instance.arrayNode().add("south").add("north");
    assertThat(DeviceFilter.matches(NORTH, List.of(c("attributes.region", Condition.Operator.IN, regions)))).isTrue();
  }

  @Test
  void allConditionsMustHold() {
    assertThat(DeviceFilter.matches(NORTH, List.of(
        c("attributes.region", Condition.Operator.EQ, TextNode.valueOf("north")),
        c("id", Condition.Operator.EQ, TextNode.valueOf("d2"))))).isFalse();
  }

  @Test
  void aMissingValueMatchesOnlyNotEqualAndFailsExists() {
    assertThat(DeviceFilter.matches(NORTH, List.of(c("properties.fanSpeed", Condition.Operator.EXISTS, null)))).isFalse();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("properties.fanSpeed", Condition.Operator.NE, IntNode.valueOf(3))))).isTrue();
    assertThat(DeviceFilter.matches(NORTH, List.of(c("properties.fanSpeed", Condition.Operator.EQ, IntNode.valueOf(3))))).isFalse();
  }

  @Test
  void aSetWhoseTemplateIsGoneIsBroken() {
    assertThat(DeviceFilter.brokenReason("fridge", null, List.of())).hasValueSatisfying(r -> assertThat(r).contains("does not exist"));
  }

  @Test
  void aFilterNamingAnUnknownFieldIsBrokenAndSaysWhich() {
    assertThat(DeviceFilter.brokenReason("fridge", FRIDGE, List.of(c("properties.colour", Condition.Operator.EQ, TextNode.valueOf("red")))))
        .hasValueSatisfying(r -> assertThat(r).contains("conditions[0]").contains("properties.colour"));
    assertThat(DeviceFilter.brokenReason("fridge", FRIDGE, List.of(c("region", Condition.Operator.EQ, TextNode.valueOf("x")))))
        .isPresent();
    assertThat(DeviceFilter.brokenReason("fridge", FRIDGE, List.of(c("properties.fanSpeed", Condition.Operator.EQ, IntNode.valueOf(1)))))
        .isEmpty();
  }
}
