package io.fleetjobs.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser and binder alone: no application context, a recording statement, and plain H2 for the null types. */
class NamedSqlTest {

  @Test
  void placeholdersBecomeQuestionMarksAndAreListedInOrderOfFirstUse() {
    NamedSql s = NamedSql.parse("UPDATE job SET status = :status WHERE id = :jobId AND version = :version AND id <> :jobId");

    assertThat(s.jdbc()).isEqualTo("UPDATE job SET status = ? WHERE id = ? AND version = ? AND id <> ?");
    assertThat(s.names()).containsExactly("status", "jobId", "version");
  }

  @Test
  void aPostgresCastIsNotAPlaceholderButTheValueBeforeItIs() {
    NamedSql s = NamedSql.parse("SELECT :at::timestamptz, x::text FROM t");

    assertThat(s.jdbc()).isEqualTo("SELECT ?::timestamptz, x::text FROM t");
    assertThat(s.names()).containsExactly("at");
  }

  @Test
  void colonsInsideStringsQuotedIdentifiersAndCommentsAreLeftAlone() {
    String sql = "SELECT 'a :x '' :y', \"col:z\" -- :c ?\n FROM t /* :d ? */ WHERE id = :id";
    NamedSql s = NamedSql.parse(sql);

    assertThat(s.names()).containsExactly("id");
    assertThat(s.jdbc()).isEqualTo(sql.replace(":id", "?"));
  }

  @Test
  void aColonNotFollowedByANameIsText() {
    assertThat(NamedSql.parse("SELECT a[1:2], ': ' FROM t WHERE b = :b").jdbc()).isEqualTo("SELECT a[1:2], ': ' FROM t WHERE b = ?");
  }

  @Test
  void aStatementWithoutPlaceholdersIsUnchanged() {
    NamedSql s = NamedSql.parse("SELECT id FROM job WHERE status IN ('SUCCEEDED', 'FAILED')");

    assertThat(s.jdbc()).isEqualTo("SELECT id FROM job WHERE status IN ('SUCCEEDED', 'FAILED')");
    assertThat(s.names()).isEmpty();
  }

  @Test
  void aPositionalQuestionMarkIsRefusedBecauseItWouldShiftTheIndexes() {
    assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE a = ? AND b = :b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positional ?");
  }

  @Test
  void anUnterminatedStringOrCommentIsRefused() {
    assertThatThrownBy(() -> NamedSql.parse("SELECT 'abc FROM t WHERE a = :a")).hasMessageContaining("unterminated string literal");
    assertThatThrownBy(() -> NamedSql.parse("SELECT a /* :a FROM t")).hasMessageContaining("unterminated comment");
  }

  @Test
  void aPlaceholderWithoutAValueIsRefusedNamingItAndTheStatement() {
    NamedSql s = NamedSql.parse("DELETE FROM job WHERE id = :jobId AND version = :version");

    assertThatThrownBy(() -> s.bind(recorder(new ArrayList<>()), Params.of("jobId", "j1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no value bound for :version (SQL: DELETE FROM job WHERE id = :jobId AND version = :version)");
  }

  @Test
  void aValueWithoutAPlaceholderIsRefusedAsLikelyATypo() {
    NamedSql s = NamedSql.parse("DELETE FROM job WHERE id = :jobId");

    assertThatThrownBy(() -> s.jdbc(Params.of("jobId", "j1").and("jobid", "j1")))
        .hasMessage("bound but not in the SQL: :jobid (SQL: DELETE FROM job WHERE id = :jobId)");
  }

  @Test
  void bindingTheSameNameTwiceOrANameThatCannotBeAPlaceholderIsRefused() {
    assertThatThrownBy(() -> Params.of("a", 1L).and("a", 2L)).hasMessage(":a is bound twice");
    assertThatThrownBy(() -> Params.of("job-id", "x")).hasMessageContaining("'job-id' is not a parameter name");
    assertThatThrownBy(() -> Params.of(":jobId", "x")).hasMessageContaining("is not a parameter name");
  }

  @Test
  void aNameUsedTwiceIsSetAtBothIndexesWithItsTypedSetter() throws Exception {
    List<String> calls = new ArrayList<>();
    Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
    NamedSql s = NamedSql.parse("SELECT :id, :n, :at, :id, :flag, :small");

    s.bind(recorder(calls), Params.of("id", "j1").and("n", 7L).and("at", at).and("flag", true).and("small", 3));

    assertThat(calls).containsExactly("setString 1 j1", "setLong 2 7", "setTimestamp 3 " + Timestamp.from(at), "setString 4 j1",
        "setBoolean 5 true", "setInt 6 3");
  }

  @Test
  void nullsAreSentWithTheTypeOfTheOverloadThatTookThem() throws Exception {
    List<String> calls = new ArrayList<>();
    NamedSql s = NamedSql.parse("SELECT :s, :at, :e");

    s.bind(recorder(calls), Params.of("s", (String) null).and("at", (Instant) null).and("e", (Thread.State) null));

    assertThat(calls).containsExactly("setNull 1 " + Types.VARCHAR, "setNull 2 " + Types.TIMESTAMP_WITH_TIMEZONE, "setNull 3 " + Types.VARCHAR);
  }

  @Test
  void ofTakesAValueWithTheSameSetterAsAnd() throws Exception {
    List<String> calls = new ArrayList<>();
    NamedSql s = NamedSql.parse("SELECT :v");

    s.bind(recorder(calls), Params.of("v", 3));
    s.bind(recorder(calls), Params.of("v", 3L));
    s.bind(recorder(calls), Params.of("v", false));

    assertThat(calls).containsExactly("setInt 1 3", "setLong 1 3", "setBoolean 1 false");
  }

  @Test
  void anEnumIsBoundByItsName() throws Exception {
    List<String> calls = new ArrayList<>();
    NamedSql.parse("SELECT :state").bind(recorder(calls), Params.of("state", Thread.State.RUNNABLE));

    assertThat(calls).containsExactly("setString 1 RUNNABLE");
  }

  @Test
  void aListBecomesOneQuestionMarkPerStringAndShiftsTheIndexesAfterIt() throws Exception {
    List<String> calls = new ArrayList<>();
    NamedSql s = NamedSql.parse("SELECT * FROM t WHERE id IN (:ids) AND v = :v");
    Params params = Params.of("ids", List.of("a", "b", "c")).and("v", 9L);

    assertThat(s.jdbc(params)).isEqualTo("SELECT * FROM t WHERE id IN (?, ?, ?) AND v = ?");
    assertThat(s.widens(params)).isTrue();
    s.bind(recorder(calls), params);
    assertThat(calls).containsExactly("setString 1 a", "setString 2 b", "setString 3 c", "setLong 4 9");
  }

  @Test
  void anEmptyListIsRefusedBecauseInNothingIsNotSql() {
    assertThatThrownBy(() -> Params.of("ids", List.of())).hasMessageContaining(":ids is empty");
  }

  @Test
  void typedNullsAndInstantsRoundTripThroughH2() throws Exception {
    Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:namedsql")) {
      c.createStatement().execute("CREATE TABLE t (s VARCHAR(10), at TIMESTAMP WITH TIME ZONE, at2 TIMESTAMP WITH TIME ZONE)");
      NamedSql insert = NamedSql.parse("INSERT INTO t (s, at, at2) VALUES (:s, :at, :none)");
      Params params = Params.of("s", (String) null).and("at", at).and("none", (Instant) null);
      try (PreparedStatement ps = c.prepareStatement(insert.jdbc(params))) {
        insert.bind(ps, params);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT s, at, at2 FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("s")).isNull();
        assertThat(Sql.getInstant(rs, "at")).isEqualTo(at);
        assertThat(Sql.getInstant(rs, "at2")).isNull();
      }
    }
  }

  /** A statement that notes each setter called on it as "method index value". */
  private static PreparedStatement recorder(List<String> calls) {
    return (PreparedStatement) Proxy.newProxyInstance(NamedSqlTest.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
        (proxy, method, args) -> {
          calls.add(method.getName() + " " + args[0] + " " + args[1]);
          return null;
        });
  }
}
