package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetjobs.contract.message.ContractError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT.md holds together: its contents line and section references match its numbered sections, its error table
 * lists exactly the {@link ErrorCode}s, its gateway exchange is made of contract topics carrying valid messages, and
 * its security section names the enrolment vocabulary of {@link Enrolment} and {@link Topics} and shows an enrolment
 * made of valid messages on the right topics.
 */
class ContractDocumentTest {

  private static final Pattern HEADING = Pattern.compile("^## (\\d+)\\. (.+)$", Pattern.MULTILINE);
  private static final Pattern EXCHANGE = Pattern.compile("<!-- exchange -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ENROLMENT = Pattern.compile("<!-- enrolment -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

  private static String doc;

  @BeforeAll
  static void read() throws IOException {
    doc = Files.readString(Path.of("CONTRACT.md"));
  }

  @Test
  void theSectionsAreNumberedOneToNAndTheContentsLineListsThemInOrder() {
    List<Integer> numbers = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    Matcher m = HEADING.matcher(doc);
    while (m.find()) {
      numbers.add(Integer.parseInt(m.group(1)));
      titles.add(m.group(2).toLowerCase());
    }
    assertThat(numbers).isEqualTo(IntStream.rangeClosed(1, numbers.size()).boxed().toList());

    String contents = doc.substring(doc.indexOf("Contents:") + "Contents:".length(), doc.indexOf("\n\n", doc.indexOf("Contents:")));
    List<String> entries = Arrays.stream(contents.split("·")).map(String::strip).toList();
    assertThat(entries).hasSameSizeAs(numbers);
    for (int i = 0; i < entries.size(); i++) {
      String[] words = entries.get(i).split("\\s+");
      assertThat(words[0]).isEqualTo(String.valueOf(i + 1));
      // the contents line abbreviates titles; its first word is enough to catch an entry left at its old number
      assertThat(titles.get(i)).as(entries.get(i)).contains(words[1].toLowerCase());
    }
  }

  @Test
  void everySectionReferenceNamesAnExistingSection() {
    long sections = HEADING.matcher(doc).results().count();
    List<Integer> references = Pattern.compile("§(\\d+)").matcher(doc).results().map(r -> Integer.parseInt(r.group(1))).toList();
    assertThat(references).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, (int) sections));
  }

  @Test
  void theErrorTableExplainsEveryErrorCodeAndNoOther() {
    String errors = section("Errors");
    List<String> listed = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(errors).results().map(r -> r.group(1)).toList();
    assertThat(listed).containsExactlyInAnyOrder(Arrays.stream(ErrorCode.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void theGatewaySectionNamesItsErrorCodeAndTheTopicsOfTopics() {
    String gateways = section("Gateways and child devices");
    assertThat(gateways).contains("`NOT_A_CHILD`");
    for (Channel channel : Channel.childChannels()) {
      assertThat(gateways).contains("`" + placeholders(Topics.childTopic("GATEWAY", "CHILD", channel)) + "`");
    }
    assertThat(gateways).contains("Children do not enrol");
    assertThat(gateways)
        .contains("`" + placeholders(Topics.deviceSubscription("GATEWAY")) + "`")
        .contains("`" + placeholders(Topics.gatewaySubscription("GATEWAY")) + "`")
        .contains(Topics.childServiceSubscription());
  }

  @Test
  void everyLineOfTheGatewayExchangeIsAContractTopicWithAValidMessageOfItsChannel() throws IOException {
    List<Line> lines = exchange();
    assertThat(lines).isNotEmpty();
    for (Line line : lines) {
      Class<?> type = Schemas.messageOf(line.topic().channel());
      assertThat(SchemaCheck.errors(type, line.payload())).as(line.toString()).isEmpty();
      assertThat(Verdict.of(type, line.payload())).as(line.toString()).isEqualTo(Verdict.ACCEPTED);
      if (type == ContractError.class) {
        // an error must come back where the service routes it for the topic it complains about
        assertThat(Topics.errorTopicFor(line.payload().path("topic").asText())).contains(line.topic().topic());
      }
    }
    assertThat(lines).filteredOn(line -> line.topic().viaGateway()).extracting(line -> line.topic().channel())
        .contains(Channel.PRESENCE, Channel.PENDING_REQUEST, Channel.EXECUTION, Channel.EXECUTION_UPDATE, Channel.ERROR);
  }

  @Test
  void theGatewayExchangeFollowsTheConnectOrder() throws IOException {
    List<Line> lines = exchange();
    int gatewayBirth = indexOf(lines, null, null, Channel.PRESENCE);
    assertThat(gatewayBirth).as("the gateway's own ONLINE presence").isZero();
    String gatewayId = lines.get(gatewayBirth).topic().deviceId();
    for (Line line : lines) {
      if (line.topic().viaGateway() && line.topic().channel() == Channel.PENDING_REQUEST) {
        String child = line.topic().deviceId();
        assertThat(line.topic().gatewayId()).isEqualTo(gatewayId);
        int birth = indexOf(lines, gatewayId, child, Channel.PRESENCE);
        assertThat(birth).as(child + "'s birth after the gateway's, before its pending request").isBetween(gatewayBirth + 1, lines.indexOf(line) - 1);
        assertThat(lines.get(birth).payload().path("state").asText()).isEqualTo("ONLINE");
      }
    }
  }

  @Test
  void theSecuritySectionNamesTheEnrolmentUserNameTokenPrefixTopicsAndTheBrokersRefusals() {
    String security = section("Security");
    assertThat(security).contains("`" + Enrolment.USERNAME + "`", "`" + Enrolment.TOKEN_PREFIX + "`", "`ENROLMENT_REFUSED`",
        "`BAD_USER_NAME_OR_PASSWORD`", "`NOT_AUTHORIZED`", "8883", "5684", "### Credentials", "### Enrolment", "### TLS",
        "### DTLS", "### What the broker refuses");
    for (String topic : Topics.enrolmentSubscriptions("fridge-0200")) {
      assertThat(security).contains(topic);
    }
    assertThat(security).contains(Topics.topic("fridge-0200", Channel.ENROLMENT_REQUEST));
    String topics = section("Topics");
    for (Channel channel : new Channel[] {Channel.ENROLMENT_REQUEST, Channel.CREDENTIAL}) {
      assertThat(topics).contains("`" + Topics.topic("DEVICE", channel).replace("DEVICE", "{deviceId}") + "`");
    }
  }

  @Test
  void theEnrolmentOnTheWireIsARequestAnsweredOnTheSameDevicesCredentialOrErrorTopic() throws IOException {
    List<Line> lines = lines(ENROLMENT);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    for (Line line : lines) {
      Class<?> type = Schemas.messageOf(line.topic().channel());
      assertThat(SchemaCheck.errors(type, line.payload())).as(line.toString()).isEmpty();
      assertThat(Verdict.of(type, line.payload())).as(line.toString()).isEqualTo(Verdict.ACCEPTED);
      assertThat(line.topic().viaGateway()).as("children do not enrol").isFalse();
    }
    for (int i = 0; i < lines.size(); i += 2) {
      Line request = lines.get(i);
      Line answer = lines.get(i + 1);
      assertThat(request.topic().channel()).isEqualTo(Channel.ENROLMENT_REQUEST);
      assertThat(answer.topic().deviceId()).isEqualTo(request.topic().deviceId());
      assertThat(answer.topic().channel()).isIn(Channel.CREDENTIAL, Channel.ERROR);
      if (answer.topic().channel() == Channel.CREDENTIAL) {
        assertThat(answer.payload().path("deviceId").asText()).isEqualTo(request.topic().deviceId());
      } else {
        assertThat(answer.payload().path("code").asText()).isEqualTo(ErrorCode.ENROLMENT_REFUSED.name());
        assertThat(answer.payload().path("topic").asText()).isEqualTo(request.topic().topic());
      }
    }
    assertThat(lines).extracting(line -> line.topic().channel()).contains(Channel.CREDENTIAL, Channel.ERROR);
  }

  private record Line(Topics.DeviceTopic topic, JsonNode payload) {}

  private static List<Line> exchange() throws IOException {
    return lines(EXCHANGE);
  }

  private static List<Line> lines(Pattern block) throws IOException {
    Matcher m = block.matcher(doc);
    List<Line> lines = new ArrayList<>();
    while (m.find()) {
      for (String text : m.group(1).strip().split("\n")) {
        String[] parts = text.split(" ", 2);
        lines.add(new Line(Topics.parse(parts[0]), ContractJson.mapper().readTree(parts[1])));
      }
    }
    return lines;
  }

  /** The first line on {@code channel} of the child (or, with a null gateway, the direct device); -1 if none. */
  private static int indexOf(List<Line> lines, String gatewayId, String deviceId, Channel channel) {
    for (int i = 0; i < lines.size(); i++) {
      Topics.DeviceTopic topic = lines.get(i).topic();
      boolean route = gatewayId == null ? !topic.viaGateway() : gatewayId.equals(topic.gatewayId());
      if (route && (deviceId == null || deviceId.equals(topic.deviceId())) && topic.channel() == channel) {
        return i;
      }
    }
    return -1;
  }

  private static String section(String title) {
    Matcher m = Pattern.compile("^## \\d+\\. " + Pattern.quote(title) + ".*?(?=^## |\\z)", Pattern.MULTILINE | Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("section " + title).isTrue();
    return m.group();
  }

  private static String placeholders(String topic) {
    return topic.replace("GATEWAY", "{gatewayId}").replace("CHILD", "{childId}");
  }
}
