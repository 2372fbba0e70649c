import * as z from "zod";
import { pluralRu } from "../contracts/format";
import { defineEffect, effectSchema } from "./define-effect";

/**
 * Abandons parked waits (a branch stopped by a Join in `first` mode): pending timers and open
 * tasks under these keys are cancelled, and subflows called under them are cancelled with theirs.
 */
export const waitAbandon = defineEffect({
  kind: "wait.abandon",
  schema: effectSchema("wait.abandon", { keys: z.array(z.string()) }),
  write(effect, step) {
    // A key names either a timer or a task; the other update matches nothing.
    for (const key of effect.keys) {
      step.repos.timers.cancel(key);
      step.repos.tasks.cancel(key, step.at);
    }
  },
  follow: (effect, step) => step.subflows.abandon(effect.keys),
  simulate: (effect, world) => world.forget(effect.keys),
  describe: (effect, { locale }) => {
    const n = effect.keys.length;
    return locale === "ru"
      ? `Ветки остановлены: ${pluralRu(n, ["отменено", "отменены", "отменено"])} ${n} ${pluralRu(n, ["ожидание", "ожидания", "ожиданий"])}`
      : `Stopped branches: ${n} wait${n === 1 ? "" : "s"} cancelled`;
  },
});
