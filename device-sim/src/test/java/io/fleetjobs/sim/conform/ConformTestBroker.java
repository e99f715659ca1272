package io.fleetjobs.sim.conform;

/** One conformance broker for all conform tests (it takes seconds to stop), stopped when the JVM ends. */
final class ConformTestBroker {

  private static ConformBroker broker;

  private ConformTestBroker() {}

  static synchronized ConformBroker get() {
    if (broker == null) {
      broker = ConformBroker.start("127.0.0.1", 0);
      ConformBroker started = broker;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return broker;
  }
}
