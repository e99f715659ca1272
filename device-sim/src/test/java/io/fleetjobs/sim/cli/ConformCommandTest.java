package io.fleetjobs.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fleetjobs.contract.message.OperationType;
import io.fleetjobs.sim.Behaviour;
import io.fleetjobs.sim.SimulatedFleet;
import io.fleetjobs.sim.conform.ConformOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConformCommandTest {

  private static ConformCommand parse(String... args) {
    ConformCommand command = new ConformCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void withoutOperationsConformSendsTheContractExamplesThree() {
    ConformOptions options = parse("--device", "fridge-1").options();

    assertThat(options.operations()).isEqualTo(ConformOptions.EXAMPLE_OPERATIONS);
    assertThat(options.connectWait()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.cannotCancel()).isFalse();
  }

  @Test
  void eachOperationFlagIsOneOperationReadAsContractJson() {
    ConformOptions options = parse("--device", "fridge-1", "--operation", "{\"type\":\"COMMAND\",\"name\":\"reboot\"}",
        "--operation", "{\"type\":\"SETTING\",\"name\":\"fanSpeed\",\"value\":2}", "--cannot-cancel", "--timeout", "5s").options();

    assertThat(options.operations()).extracting(o -> o.type() + " " + o.name())
        .containsExactly(OperationType.COMMAND + " reboot", OperationType.SETTING + " fanSpeed");
    assertThat(options.cannotCancel()).isTrue();
    assertThat(options.timeoutSeconds()).isEqualTo(5);
  }

  @Test
  void anOperationThatBreaksTheContractIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("--device", "fridge-1", "--operation", "{\"type\":\"SETTING\",\"name\":\"fanSpeed\"}").options())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
    assertThatThrownBy(() -> parse("--device", "not a device id").options())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--device");
  }

  @Test
  void eachChildFlagIsAChildOfTheDeviceUnderTestWhichIsThenCheckedAsAGateway() {
    ConformOptions options = parse("--device", "gw-1", "--child", "fridge-0107", "--child", "fridge-0108").options();

    assertThat(options.children()).containsExactly("fridge-0107", "fridge-0108");
    assertThat(options.gateway()).isTrue();
    assertThat(parse("--device", "fridge-1").options().gateway()).isFalse();
  }

  @Test
  void aChildThatIsNotADeviceIdOrIsTheGatewayItselfIsRefusedNamingTheFlag() {
    assertThatThrownBy(() -> parse("--device", "gw-1", "--child", "not a child").options())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--child");
    assertThatThrownBy(() -> parse("--device", "gw-1", "--child", "gw-1").options())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the gateway itself");
  }

  @Test
  void theCommandPrintsWhereToConnectThenTheReportAndExitsZeroForADeviceThatKeepsTheContract() throws Exception {
    int port = freePort();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConformCommand command = new ConformCommand(new PrintStream(out, true, StandardCharsets.UTF_8));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(
        "--device", "cli-0000", "--port", String.valueOf(port), "--wait", "10s", "--timeout", "2s", "--settle", "300ms"));
    await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).contains("Connect device cli-0000"));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("listening on 127.0.0.1:" + port);

    try (SimulatedFleet fleet = SimulatedFleet.builder().brokerPort(port).idPrefix("cli-").count(1)
        .behaviour(Behaviour.builder().latency(Duration.ofMillis(100), Duration.ofMillis(150)).build()).build()) {
      fleet.start();
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("§6   Handling an execution", "Result: PASS");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
