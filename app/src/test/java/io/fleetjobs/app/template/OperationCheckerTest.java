package io.fleetjobs.app.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fleetjobs.app.common.Refusal;
import io.fleetjobs.contract.message.OperationType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationCheckerTest {

  private static final Template FRIDGE = new Template("fridge", "Fridge", null, new TemplateDefinition(
      List.of(new TemplateDefinition.Property("temperature", ValueType.NUMBER, false),
          new TemplateDefinition.Property("label", ValueType.STRING, true)),
      List.of(new TemplateDefinition.Setting("fanSpeed", ValueType.INTEGER)),
      List.of(new TemplateDefinition.Command("reboot", List.of(new TemplateDefinition.Parameter("delaySeconds", ValueType.INTEGER, false))),
          new TemplateDefinition.Command("defrost", List.of(new TemplateDefinition.Parameter("minutes", ValueType.INTEGER, null))))),
      null);

  private static OperationInput setting(String name, JsonNode value) {
    return new OperationInput(OperationType.SETTING, name, value, null);
  }

  private static String fieldOf(List<OperationInput> ops) {
    try {
      OperationChecker.check(ops, FRIDGE);
      return null;
    } catch (Refusal e) {
      return e.field();
    }
  }

  @Test
  void wellTypedOperationsOfEveryKindPass() {
    var ops = OperationChecker.check(List.of(
        setting("fanSpeed", IntNode.valueOf(3)),
        new OperationInput(OperationType.PROPERTY, "label", TextNode.valueOf("A1"), null),
        new OperationInput(OperationType.COMMAND, "reboot", null, Map.of()),
        new OperationInput(OperationType.COMMAND, "defrost", null, Map.of("minutes", IntNode.valueOf(10)))), FRIDGE);
    assertThat(ops).hasSize(4);
  }

  @Test
  void anUnknownSettingIsRefusedNamingItsField() {
    assertThat(fieldOf(List.of(setting("fanSpeed", IntNode.valueOf(1)), setting("colour", IntNode.valueOf(1))))).isEqualTo("operations[1].name");
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingItsField() {
    assertThat(fieldOf(List.of(setting("fanSpeed", TextNode.valueOf("fast"))))).isEqualTo("operations[0].value");
    assertThat(fieldOf(List.of(setting("fanSpeed", DoubleNode.valueOf(2.5))))).isEqualTo("operations[0].value");
    assertThat(fieldOf(List.of(setting("fanSpeed", BooleanNode.TRUE)))).isEqualTo("operations[0].value");
  }

  @Test
  void aReadOnlyPropertyCannotBeWritten() {
    assertThat(fieldOf(List.of(new OperationInput(OperationType.PROPERTY, "temperature", DoubleNode.valueOf(4), null))))
        .isEqualTo("operations[0].name");
  }

  @Test
  void commandParametersAreChecked() {
    assertThat(fieldOf(List.of(new OperationInput(OperationType.COMMAND, "defrost", null, Map.of())))).isEqualTo("operations[0].parameters.minutes");
    assertThat(fieldOf(List.of(new OperationInput(OperationType.COMMAND, "defrost", null, Map.of("minutes", TextNode.valueOf("ten"))))))
        .isEqualTo("operations[0].parameters.minutes");
    assertThat(fieldOf(List.of(new OperationInput(OperationType.COMMAND, "reboot", null, Map.of("force", BooleanNode.TRUE)))))
        .isEqualTo("operations[0].parameters.force");
  }

  @Test
  void aJobNeedsOneToThirtyOperations() {
    assertThat(fieldOf(List.of())).isEqualTo("operations");
    assertThat(fieldOf(Collections.nCopies(31, setting("fanSpeed", IntNode.valueOf(1))))).isEqualTo("operations");
    assertThat(fieldOf(Collections.nCopies(30, setting("fanSpeed", IntNode.valueOf(1))))).isNull();
  }

  @Test
  void aMissingTypeIsRefused() {
    assertThatThrownBy(() -> OperationChecker.check(List.of(new OperationInput(null, "fanSpeed", IntNode.valueOf(1), null)), FRIDGE))
        .isInstanceOf(Refusal.class).extracting("field").isEqualTo("operations[0].type");
  }
}
