package io.fleetjobs.sim.cli;

import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.ContractViolation;
import io.fleetjobs.contract.message.Operation;
import io.fleetjobs.sim.conform.ConformBroker;
import io.fleetjobs.sim.conform.ConformOptions;
import io.fleetjobs.sim.conform.Conformance;
import io.fleetjobs.sim.conform.Report;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device-sim conform --device ID}: certifies a real device against the firmware contract on conform's own
 * broker. Exit code 0 when every checked section passed, 1 when any failed, 2 for bad options.
 */
@Command(name = "conform", mixinStandardHelpOptions = true,
    description = "Checks a real device against the firmware contract: starts its own MQTT broker, waits for the device to"
        + " connect to it, plays the service and prints a pass/fail report per CONTRACT.md section.")
public final class ConformCommand implements Callable<Integer> {

  @Option(names = "--device", required = true, description = "the device under test: its device id (= MQTT client id)")
  String device;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address the broker listens on (default: ${DEFAULT-VALUE};"
      + " 0.0.0.0 for a device on another machine)")
  String bind;

  @Option(names = "--port", defaultValue = "0", description = "the broker's port (default: a free one, printed)")
  int port;

  @Option(names = "--wait", defaultValue = "2m", description = "how long to wait for the device to connect, and to reconnect"
      + " after conform drops it (default: ${DEFAULT-VALUE})")
  String wait;

  @Option(names = "--timeout", defaultValue = "30s", description = "each execution's timeoutSeconds, and the longest conform waits"
      + " for one answer (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(names = "--settle", defaultValue = "2s", description = "how long conform watches for more after an answer (default:"
      + " ${DEFAULT-VALUE})")
  String settle;

  @Option(names = "--operation", description = "an operation as JSON, one execution each (repeatable), e.g."
      + " '{\"type\":\"SETTING\",\"name\":\"fanSpeed\",\"value\":3}'; default: the contract example's three")
  List<String> operations = new ArrayList<>();

  @Option(names = "--cannot-cancel", description = "the device cannot stop work: a final update after a cancel is its"
      + " truthful outcome, not a fault")
  boolean cannotCancel;

  @Option(names = "--child", description = "a child device the device under test speaks for as a gateway (repeatable): conform"
      + " then checks §9, expecting each child announced after every connect and sending each one work on its topics")
  List<String> children = new ArrayList<>();

  private final PrintStream out;

  public ConformCommand() {
    this(System.out);
  }

  ConformCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    ConformOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (ConformBroker broker = ConformBroker.start(bind, port)) {
      out.printf("Conformance broker listening on %s:%d (MQTT 5 or 3.1.1, plain TCP, any user name and password).%n",
          broker.host(), broker.port());
      out.printf("Connect device %s to it now; waiting up to %s.%n", device, ConformOptions.describe(options.connectWait()));
      if (options.gateway()) {
        out.printf("It is checked as the gateway of %s (§9).%n", String.join(", ", options.children()));
      }
      Report report = Conformance.run(broker, options, out);
      report.print(out);
      return report.exitCode();
    }
  }

  ConformOptions options() {
    List<Operation> parsed = new ArrayList<>();
    for (String json : operations) {
      try {
        parsed.add(ContractJson.decode(json.getBytes(StandardCharsets.UTF_8), Operation.class));
      } catch (ContractViolation e) {
        throw new IllegalArgumentException("--operation " + json + ": " + e.getMessage(), e);
      }
    }
    try {
      return new ConformOptions(device, Durations.parse(wait), Durations.parse(timeout), Durations.parse(settle), parsed, cannotCancel,
          children);
    } catch (ContractViolation e) {
      String flag = "childId".equals(e.field()) ? "--child " + String.join(", ", children) : "--device " + device;
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }
}
