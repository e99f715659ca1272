package io.fleetjobs.sim.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The service's heap, read from outside its JVM: the Attach API starts its local JMX agent, then the memory MXBean
 * runs a full GC (three times, so finalizable and soft garbage goes too) and reports the heap in use.
 */
final class HeapProbe implements AutoCloseable {

  private final JMXConnector connector;
  private final MemoryMXBean memory;

  HeapProbe(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(), ManagementFactory.MEMORY_MXBEAN_NAME,
        MemoryMXBean.class);
  }

  /** Heap in use after full GCs, in bytes. */
  long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}
