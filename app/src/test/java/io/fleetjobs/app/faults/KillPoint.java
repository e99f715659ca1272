package io.fleetjobs.app.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Where in a job's life the crash loop kills the service. */
enum KillPoint {
  /** A large job's executions being stored in the background after its run answered. */
  STORING,
  /** Executions being sent: some devices have taken the job's work, others not yet. */
  DISPATCH,
  /** Slow devices answering: some answers recorded, others on their way. */
  ANSWERS,
  /** Right after a stop answered, its cancels going out while devices still answer. */
  STOP,
  /** A finished job of many rows deleted, its executions being purged in the background. */
  PURGE;

  /** {@code kills} points drawn from {@code random}: each point once (in random order) before any comes again. */
  static List<KillPoint> plan(Random random, int kills) {
    List<KillPoint> plan = new ArrayList<>();
    while (plan.size() < kills) {
      List<KillPoint> round = new ArrayList<>(List.of(values()));
      Collections.shuffle(round, random);
      plan.addAll(round.subList(0, Math.min(round.size(), kills - plan.size())));
    }
    return plan;
  }
}
