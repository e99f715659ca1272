package io.fleetjobs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every other document that cites CONTRACT.md (the READMEs, the CoAP mapping, the AsyncAPI document) cites a section
 * that exists, by number or by title, and the CoAP mapping cites the CoAP section: renumbering the contract without
 * following its citations fails here.
 */
class CrossReferencesTest {

  /** Documents outside CONTRACT.md that cite it, relative to this module. */
  private static final List<String> CITING = List.of(
      "coap-mapping.yaml", "asyncapi.yaml", "README.md", "../README.md", "../app/README.md", "../config/README.md",
      "../device-sim/README.md");
  private static final Pattern HEADING = Pattern.compile("^##(#?) (?:(\\d+)\\. )?(.+)$", Pattern.MULTILINE);
  private static final Pattern BY_NUMBER = Pattern.compile("CONTRACT\\.md\\]?(?:\\([^)]*\\))?,? (?:§|section )(\\d+)");
  private static final Pattern BY_TITLE = Pattern.compile(
      "CONTRACT\\.md, \"([^\"]+)\"|\"([^\"]+)\"\\s+in\\s+CONTRACT\\.md", Pattern.DOTALL);

  private static final Map<Integer, String> sections = new LinkedHashMap<>();
  private static final List<String> titles = new java.util.ArrayList<>();

  @BeforeAll
  static void readTheContractsHeadings() throws IOException {
    Matcher m = HEADING.matcher(Files.readString(Path.of("CONTRACT.md")));
    while (m.find()) {
      if (m.group(2) != null) {
        sections.put(Integer.parseInt(m.group(2)), m.group(3).trim());
      }
      titles.add(m.group(3).trim());
    }
    assertThat(sections).isNotEmpty();
  }

  @Test
  void everySectionNumberCitedFromAnotherDocumentExists() throws IOException {
    int cited = 0;
    for (String file : CITING) {
      Matcher m = BY_NUMBER.matcher(Files.readString(Path.of(file)));
      while (m.find()) {
        cited++;
        assertThat(sections).as("%s cites CONTRACT.md §%s", file, m.group(1)).containsKey(Integer.parseInt(m.group(1)));
      }
    }
    assertThat(cited).as("citations found; a pattern that finds none checks nothing").isGreaterThan(5);
  }

  @Test
  void everySectionTitleCitedFromAnotherDocumentExists() throws IOException {
    int cited = 0;
    for (String file : CITING) {
      Matcher m = BY_TITLE.matcher(Files.readString(Path.of(file)));
      while (m.find()) {
        cited++;
        String title = (m.group(1) != null ? m.group(1) : m.group(2)).replaceAll("\\s+", " ");
        assertThat(titles).as("%s cites \"%s\" in CONTRACT.md", file, title).contains(title);
      }
    }
    assertThat(cited).isGreaterThan(0);
  }

  @Test
  void theCoapMappingCitesTheCoapSection() throws IOException {
    Matcher m = BY_NUMBER.matcher(Files.readString(Path.of("coap-mapping.yaml")));
    assertThat(m.find()).isTrue();
    assertThat(sections.get(Integer.parseInt(m.group(1)))).startsWith("CoAP");
  }

  @Test
  void citationsOfCoapRulesInTheReadmesCiteTheCoapSection() throws IOException {
    for (String file : CITING) {
      for (String line : Files.readAllLines(Path.of(file))) {
        Matcher m = BY_NUMBER.matcher(line);
        while (m.find()) {
          // a citation about CoAP's session or restart rule must land in the CoAP section
          String around = line.substring(Math.max(0, m.start() - 80), Math.min(line.length(), m.end() + 80));
          if (around.contains("CoAP") && (around.contains("restart") || around.contains("device session"))) {
            assertThat(sections.get(Integer.parseInt(m.group(1)))).as("%s: %s", file, around).startsWith("CoAP");
          }
        }
      }
    }
  }
}
