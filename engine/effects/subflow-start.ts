import * as z from "zod";
import { defineEffect, effectSchema } from "./define-effect";

/** Starts another published flow as a subflow in the caller's transaction; its end feeds `subflow.completed` back under `key`. */
export const subflowStart = defineEffect({
  kind: "subflow.start",
  schema: effectSchema("subflow.start", { flowId: z.string(), inputs: z.record(z.string(), z.unknown()) }),
  write: () => {}, // the called instance is started once the caller's step is written (follow)
  follow: (effect, step) => step.subflows.call(effect),
  simulate: (effect, world) => world.expectAnswer(effect.kind, effect),
  describe: (effect, { flowName, simulated, locale }) =>
    locale === "ru"
      ? `Вызов сценария ${flowName(effect.flowId)}${simulated ? " (симуляция: ответьте шагом «Итог подсценария»)" : ""}`
      : `Calls flow ${flowName(effect.flowId)}${simulated ? " (simulated: answer it with a subflow result step)" : ""}`,
});
