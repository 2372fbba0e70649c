import { z } from "zod";
import { NOTIFICATION_LEVELS } from "../contracts/events";
import { defineEffect, effectSchema } from "./define-effect";

/** An internal notification for staff: supervisors, all operators, or operators with a skill (`skill:<slug>`). */
export const notificationCreate = defineEffect({
  kind: "notification.create",
  schema: effectSchema("notification.create", { audience: z.string(), level: z.enum(NOTIFICATION_LEVELS), title: z.string(), body: z.string() }),
  write(effect, step) {
    const { key, nodeId, audience, level, title, body } = effect;
    step.repos.staff.addNotification({ key, instanceId: step.instanceId, nodeId, audience, level, title, body, customerId: step.customerId, at: step.at });
  },
  simulate: () => {},
  describe: (effect) => `Notifies ${effect.audience} (${effect.level}): ${effect.title}`,
});
