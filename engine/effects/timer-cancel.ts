import * as z from "zod";
import { defineEffect, effectSchema } from "./define-effect";

/** Cancels a pending timer (the wait it guarded ended otherwise). */
export const timerCancel = defineEffect({
  kind: "timer.cancel",
  schema: effectSchema("timer.cancel", { timerId: z.string() }),
  write: (effect, step) => void step.repos.timers.cancel(effect.timerId),
  simulate: (effect, world) => world.cancelTimer(effect.timerId),
  describe: (_effect, { locale }) => (locale === "ru" ? "Таймер отменён" : "Timer cancelled"),
});
