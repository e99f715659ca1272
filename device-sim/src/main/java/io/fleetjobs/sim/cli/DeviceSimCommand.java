package io.fleetjobs.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code device-sim}: simulated devices that speak the Fleet Jobs firmware contract. */
@Command(
    name = "device-sim",
    mixinStandardHelpOptions = true,
    version = "device-sim 0.1",
    description = "Runs simulated devices that speak the Fleet Jobs firmware contract over MQTT.",
    subcommands = {RunCommand.class, io.fleetjobs.sim.bench.BenchCommand.class, ConformCommand.class})
public final class DeviceSimCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeviceSimCommand()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
