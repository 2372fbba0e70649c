import * as z from "zod";
import { FLOW_LIMITS, nodeIdSchema } from "./flow";

const recordId = z.string().trim().min(1).max(64);

/**
 * Which waiting instances of a flow move where: from one of its versions (default: the newest with
 * waiting instances) to another (default: the latest), each waiting node of the old version mapped to
 * a node of the new one (old node id → new node id; default: the suggestion, same id and type).
 */
export const migrationRequestSchema = z.object({
  flowId: recordId,
  fromVersionId: recordId.optional(),
  toVersionId: recordId.optional(),
  mapping: z
    .record(nodeIdSchema, nodeIdSchema)
    .refine((m) => Object.keys(m).length <= FLOW_LIMITS.nodes, `at most ${FLOW_LIMITS.nodes} nodes`)
    .optional(),
});
export type MigrationRequest = z.infer<typeof migrationRequestSchema>;

/** Applying needs the plan spelled out: the version the instances leave and every waiting node's target. */
export const migrationApplySchema = migrationRequestSchema.required({ fromVersionId: true, mapping: true });
