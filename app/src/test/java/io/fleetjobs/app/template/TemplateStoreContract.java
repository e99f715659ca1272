package io.fleetjobs.app.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetjobs.app.common.JsonText;
import io.fleetjobs.app.common.Sql;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link TemplateStore} keeps of a template, on whichever database the implementing class gives it. */
interface TemplateStoreContract {

  TemplateStore store();

  Sql sql();

  private static Template template(String id) {
    TemplateDefinition definition = new TemplateDefinition(
        List.of(new TemplateDefinition.Property("temperature", ValueType.NUMBER, false),
            new TemplateDefinition.Property("label", ValueType.STRING, true)),
        List.of(new TemplateDefinition.Setting("fanSpeed", ValueType.INTEGER)),
        List.of(new TemplateDefinition.Command("defrost", List.of(
                new TemplateDefinition.Parameter("minutes", ValueType.INTEGER, true),
                new TemplateDefinition.Parameter("force", ValueType.BOOLEAN, false))),
            new TemplateDefinition.Command("reboot", null)));
    return new Template(id, "Fridge " + id, null, definition, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  default void aTemplateReadsBackAsInsertedItsDefinitionInTheColumnAsTheContractsJson() {
    Template fridge = template("store-round-trip");
    store().insert(fridge);

    assertThat(store().find("store-round-trip")).contains(fridge);
    // the same text the hand-written store wrote, so rows stored before the repository read back
    assertThat(sql().queryOne("SELECT definition, version FROM device_template WHERE id = ?", ps -> ps.setString(1, fridge.id()),
        rs -> rs.getString(1) + " v" + rs.getLong(2))).contains(JsonText.write(fridge.definition()) + " v0");
  }

  @Test
  default void aTemplateWithADescriptionAndNoValuesReadsBack() {
    Template bare = new Template("store-bare", "Bare", "nothing to offer", new TemplateDefinition(null, null, null),
        Instant.parse("2026-01-02T03:04:05.678Z"));
    store().insert(bare);

    assertThat(store().find("store-bare")).contains(bare);
    assertThat(store().find("store-no-such")).isEmpty();
  }

  @Test
  default void pagesFollowTheIdOrderFromAnyOffsetAndTheCountIsOfAllRows() {
    for (String id : List.of("store-page-c", "store-page-a", "store-page-b")) {
      store().insert(template(id));
    }
    List<Template> all = store().page(0, 1000);

    assertThat(all).isSortedAccordingTo(Comparator.comparing(Template::id));
    assertThat(all).extracting(Template::id).contains("store-page-a", "store-page-b", "store-page-c");
    assertThat(store().count()).isEqualTo(all.size());
    assertThat(store().page(1, 2)).isEqualTo(all.subList(1, 3));
    assertThat(store().page(all.size(), 10)).isEmpty();
  }

  @Test
  default void lockAndDeleteSayWhetherThereIsSuchATemplate() {
    store().insert(template("store-gone"));

    assertThat(sql().inTransaction(() -> store().lock("store-gone"))).isTrue();
    assertThat(sql().inTransaction(() -> store().lock("store-never"))).isFalse();
    assertThat(store().delete("store-gone")).isTrue();
    assertThat(store().delete("store-gone")).isFalse();
    assertThat(store().find("store-gone")).isEmpty();
  }
}
