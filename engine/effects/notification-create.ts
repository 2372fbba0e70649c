import * as z from "zod";
import { NOTIFICATION_LEVELS, type NotificationLevel } from "../contracts/events";
import { defineEffect, effectSchema } from "./define-effect";

const RU_LEVELS: Record<NotificationLevel, string> = { info: "информация", warning: "предупреждение", critical: "критично" };

/** Who is notified, after «для»: «супервизоров», «операторов с навыком fraud». */
function audienceRu(audience: string): string {
  if (audience === "supervisors") return "супервизоров";
  if (audience === "operators") return "операторов";
  if (audience.startsWith("skill:")) return `операторов с навыком ${audience.slice("skill:".length)}`;
  return audience;
}

/** An internal notification for staff: supervisors, all operators, or operators with a skill (`skill:<slug>`). */
export const notificationCreate = defineEffect({
  kind: "notification.create",
  schema: effectSchema("notification.create", { audience: z.string(), level: z.enum(NOTIFICATION_LEVELS), title: z.string(), body: z.string() }),
  write(effect, step) {
    const { key, nodeId, audience, level, title, body } = effect;
    step.repos.staff.addNotification({ key, instanceId: step.instanceId, nodeId, audience, level, title, body, customerId: step.customerId, at: step.at });
  },
  simulate: () => {},
  describe: (effect, { locale }) =>
    locale === "ru"
      ? `Уведомление для ${audienceRu(effect.audience)} (${RU_LEVELS[effect.level]}): ${effect.title}`
      : `Notifies ${effect.audience} (${effect.level}): ${effect.title}`,
});
