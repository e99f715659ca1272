package io.fleetjobs.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MediaType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which answer a bulk registration gets: the credentials as CSV only when the client prefers CSV to JSON. */
class DeviceCsvPreferenceTest {

  private static List<MediaType> accept(String... types) {
    return Arrays.stream(types).map(MediaType::new).toList();
  }

  @Test
  void csvAloneOrFirstGetsCsv() {
    assertThat(DeviceCsv.preferred(accept("text/csv"))).isTrue();
    assertThat(DeviceCsv.preferred(accept("text/csv", "application/json"))).isTrue();
  }

  @Test
  void jsonFirstAsAGeneratedClientSendsItGetsJson() {
    assertThat(DeviceCsv.preferred(accept("application/json", "text/csv", "application/problem+json"))).isFalse();
  }

  @Test
  void qualityWinsOverOrder() {
    assertThat(DeviceCsv.preferred(accept("text/csv;q=0.5", "application/json"))).isFalse();
    assertThat(DeviceCsv.preferred(accept("application/json;q=0.2", "text/csv"))).isTrue();
  }

  @Test
  void noAcceptOrAWildcardGetsJson() {
    assertThat(DeviceCsv.preferred(List.of())).isFalse();
    assertThat(DeviceCsv.preferred(accept("*/*"))).isFalse();
  }
}
