package io.fleetjobs.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobExportsTest {

  @Test
  void csvCellsAreQuotedWhenTheyHoldSeparatorsQuotesOrLineBreaks() {
    assertThat(JobExports.cell("plain")).isEqualTo("plain");
    assertThat(JobExports.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(JobExports.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(JobExports.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(JobExports.cell(null)).isEmpty();
  }

  @Test
  void deviceTextThatLooksLikeASpreadsheetFormulaStaysText() {
    assertThat(JobExports.cell("=HYPERLINK(\"x\")")).startsWith("\"'=HYPERLINK");
    assertThat(JobExports.cell("-1")).isEqualTo("'-1");
  }
}
