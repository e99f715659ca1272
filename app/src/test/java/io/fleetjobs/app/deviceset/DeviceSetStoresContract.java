package io.fleetjobs.app.deviceset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@link DeviceSetStore} and {@link MemberStore} keep, on whichever database the implementing class gives them. */
interface DeviceSetStoresContract {

  DeviceSetStore sets();

  MemberStore members();

  Sql sql();

  private static DeviceSetStore.Row row(String id, String name, String templateId, List<Condition> conditions) {
    return new DeviceSetStore.Row(id, name, null, templateId, conditions.isEmpty() ? "LIST" : "FILTER", conditions,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  default void aSetsConditionsReadBackAsInsertedAndTheColumnHoldsTheContractsJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    List<Condition> conditions = List.of(
        new Condition("attributes.region", Condition.Operator.EQ, json.textNode("north")),
        new Condition("properties.temperature", Condition.Operator.GT, json.numberNode(4.5)),
        new Condition("name", Condition.Operator.IN, json.arrayNode().add("a").add(7)),
        new Condition("properties.label", Condition.Operator.EXISTS, null));
    DeviceSetStore.Row north = new DeviceSetStore.Row("stores-north", "North", "the north", "fridge", "FILTER", conditions,
        Instant.parse("2026-01-02T03:04:05.678Z"));
    sets().insert(north);

    DeviceSetStore.Row read = sets().find("stores-north").orElseThrow();
    assertThat(read.conditions()).isEqualTo(conditions);
    assertThat(List.of(read.id(), read.name(), read.description(), read.templateId(), read.kind()))
        .containsExactly("stores-north", "North", "the north", "fridge", "FILTER");
    assertThat(read.createdAt()).isEqualTo(north.createdAt());
    // the same text the hand-written store wrote, so rows stored before the repository read back
    assertThat(sql().queryOne("SELECT conditions, version FROM device_set WHERE id = ?", ps -> ps.setString(1, "stores-north"),
        rs -> rs.getString(1) + " v" + rs.getLong(2))).contains(JsonText.write(conditions) + " v0");
  }

  @Test
  default void aSetWithoutConditionsReadsBackWithAnEmptyList() {
    sets().insert(row("stores-list", "A list", "fridge", List.of()));

    assertThat(sets().find("stores-list").orElseThrow().conditions()).isEmpty();
    assertThat(sets().find("stores-no-such")).isEmpty();
  }

  @Test
  default void pagesFollowTheNameThenTheIdFromAnyOffsetAndTheCountIsOfAllRows() {
    sets().insert(row("stores-page-2", "stores same name", "fridge", List.of()));
    sets().insert(row("stores-page-1", "stores same name", "fridge", List.of()));
    sets().insert(row("stores-page-0", "stores other name", "fridge", List.of()));
    List<DeviceSetStore.Row> all = sets().page(0, 1000);

    assertThat(all).isSortedAccordingTo(Comparator.comparing(DeviceSetStore.Row::name).thenComparing(DeviceSetStore.Row::id));
    assertThat(all).extracting(DeviceSetStore.Row::id).contains("stores-page-0", "stores-page-1", "stores-page-2");
    assertThat(sets().count()).isEqualTo(all.size());
    assertThat(sets().page(1, 2)).isEqualTo(all.subList(1, 3));
    assertThat(sets().page(all.size(), 5)).isEmpty();
  }

  @Test
  default void theSetsOverATemplateAreNamedWithTheirIdsInNameOrder() {
    sets().insert(row("stores-over-b", "Beta", "stores-over", List.of()));
    sets().insert(row("stores-over-a2", "Alpha", "stores-over", List.of()));
    sets().insert(row("stores-over-a1", "Alpha", "stores-over", List.of()));
    sets().insert(row("stores-over-elsewhere", "Aardvark", "stores-other", List.of()));

    assertThat(sets().over("stores-over"))
        .containsExactly("'Alpha' (stores-over-a1)", "'Alpha' (stores-over-a2)", "'Beta' (stores-over-b)");
    assertThat(sets().over("stores-none")).isEmpty();
  }

  @Test
  default void deleteSaysWhetherThereWasSuchASet() {
    sets().insert(row("stores-gone", "Gone", "fridge", List.of()));

    assertThat(sets().delete("stores-gone")).isTrue();
    assertThat(sets().delete("stores-gone")).isFalse();
  }

  @Test
  default void membersInsertedInOneCallAreWalkedInIdOrderByKeysetPagesUntilDeleted() {
    List<String> ids = new ArrayList<>(IntStream.range(0, 2500).mapToObj("m-%05d"::formatted).toList());
    java.util.Collections.shuffle(ids, new java.util.Random(7));
    members().insert("stores-members", ids);
    members().insert("stores-neighbour", List.of("m-00001", "m-99999"));
    members().insert("stores-empty", List.of());

    List<String> walked = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String after = "";
    List<String> page;
    do {
      page = members().after("stores-members", after, 1000);
      walked.addAll(page);
      pageSizes.add(page.size());
      after = page.isEmpty() ? after : page.get(page.size() - 1);
    } while (page.size() == 1000);
    assertThat(pageSizes).containsExactly(1000, 1000, 500);
    assertThat(walked).isSorted().containsExactlyInAnyOrderElementsOf(ids);
    assertThat(members().after("stores-members", "m-02497", 10)).containsExactly("m-02498", "m-02499");

    assertThat(members().listedAmong("stores-members", List.of("m-00000", "m-99999", "m-02499", "x")))
        .containsExactlyInAnyOrder("m-00000", "m-02499");
    assertThat(members().listedAmong("stores-members", List.of())).isEmpty();
    assertThat(members().after("stores-empty", "", 10)).isEmpty();

    members().deleteAll("stores-members");
    assertThat(members().after("stores-members", "", 10)).isEmpty();
    assertThat(members().after("stores-neighbour", "", 10)).containsExactly("m-00001", "m-99999");
  }
}
