import { createIntake } from "../ingress/intake";
import { createSettings } from "../privacy/settings";
import { createFlowRuntime } from "../runtime/flow-runtime";
import type { InstanceLimits } from "../runtime/instance-limits";
import { createVersionCache } from "../runtime/versions";
import type { Store } from "../store/index";
import { createWriterCommands } from "./commands";

/**
 * What the writer's commands run on, wired alike on the engine's thread and on the writer thread
 * (writer-thread.ts) over that thread's connection: published versions, the flow runtime, typed
 * settings, intake, and the commands themselves.
 */
export function wireWriter(store: Store, instanceLimits: InstanceLimits, clock: () => number) {
  const versions = createVersionCache(store.flows);
  const runtime = createFlowRuntime(store, versions, instanceLimits);
  const settings = createSettings(store.settings, clock);
  /** Phone numbers without a country code are read in this region (a setting). */
  const region = () => settings.get("identity.defaultRegion");
  const intake = createIntake(store, runtime, region);
  return { versions, settings, region, commands: createWriterCommands(intake, runtime, store, clock) };
}
