import * as z from "zod";
import { formatDuration } from "../contracts/format";
import { defineEffect, effectSchema } from "./define-effect";

/** A durable timer: a row with an absolute due time; when it falls due it fires `timer.fired` under its key. */
export const timerSet = defineEffect({
  kind: "timer.set",
  schema: effectSchema("timer.set", { delayMs: z.number() }),
  write: (effect, step) => step.repos.timers.set(effect.key, step.instanceId, effect.nodeId, step.at + effect.delayMs, step.at),
  simulate: (effect, world) => world.setTimer(effect.key, effect.nodeId, world.at + effect.delayMs),
  describe: (effect, { locale }) =>
    locale === "ru" ? `Таймер на ${formatDuration(effect.delayMs, "ru")}` : `Timer set for ${formatDuration(effect.delayMs, "en")}`,
});
