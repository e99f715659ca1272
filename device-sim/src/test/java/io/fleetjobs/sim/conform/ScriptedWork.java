package io.fleetjobs.sim.conform;

import com.fasterxml.jackson.databind.node.IntNode;
import io.fleetjobs.contract.Channel;
import io.fleetjobs.contract.ContractJson;
import io.fleetjobs.contract.message.ExecutionCancel;
import io.fleetjobs.contract.message.ExecutionRequest;
import io.fleetjobs.contract.message.ExecutionUpdate;
import io.fleetjobs.contract.message.PropertyReport;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * One scripted device's work, whichever route it speaks on (its own connection, or a gateway's for a child): IN_PROGRESS
 * v1 then SUCCEEDED v2 after 150 ms and a property report, repeats answered from memory, cancels obeyed, unless told
 * to re-apply repeats or ignore cancels.
 */
final class ScriptedWork {

  private final BiFunction<Channel, byte[], CompletableFuture<?>> publish;
  private final ScheduledExecutorService scheduler;
  private final boolean reappliesRepeats;
  private final boolean ignoresCancel;
  private final Map<String, ScheduledFuture<?>> running = new HashMap<>(); // guarded by this
  private final Map<String, byte[]> finals = new HashMap<>(); // guarded by this
  private final AtomicLong reports = new AtomicLong();

  ScriptedWork(BiFunction<Channel, byte[], CompletableFuture<?>> publish, ScheduledExecutorService scheduler, boolean reappliesRepeats,
      boolean ignoresCancel) {
    this.publish = publish;
    this.scheduler = scheduler;
    this.reappliesRepeats = reappliesRepeats;
    this.ignoresCancel = ignoresCancel;
  }

  void onMessage(Channel channel, byte[] payload) {
    if (channel == Channel.EXECUTION) {
      onExecution(ContractJson.decode(payload, ExecutionRequest.class));
    } else if (channel == Channel.CANCEL && !ignoresCancel) {
      String executionId = ContractJson.decode(payload, ExecutionCancel.class).executionId();
      synchronized (this) {
        ScheduledFuture<?> work = running.remove(executionId);
        if (work != null) {
          work.cancel(false);
        }
      }
    }
  }

  private synchronized void onExecution(ExecutionRequest request) {
    String executionId = request.executionId();
    if (finals.containsKey(executionId) && !reappliesRepeats) {
      publish.apply(Channel.EXECUTION_UPDATE, finals.get(executionId));
      return;
    }
    if (running.containsKey(executionId) && !reappliesRepeats) {
      return;
    }
    publish.apply(Channel.EXECUTION_UPDATE, ContractJson.encode(ExecutionUpdate.inProgress(executionId, 1, null)));
    running.put(executionId, scheduler.schedule(() -> finish(executionId), 150, TimeUnit.MILLISECONDS));
  }

  private void finish(String executionId) {
    byte[] done = ContractJson.encode(ExecutionUpdate.succeeded(executionId, 2, null));
    synchronized (this) {
      running.remove(executionId);
      finals.put(executionId, done);
    }
    publish.apply(Channel.EXECUTION_UPDATE, done);
    publish.apply(Channel.PROPERTIES,
        ContractJson.encode(PropertyReport.of(reports.incrementAndGet(), Map.of("fanSpeed", IntNode.valueOf(3)))));
  }
}
