import { auditExportSchema, auditListSchema } from "@/engine/contracts/audit";
import { procedure, router } from "../trpc";

/** The audit trail: a filtered page of rows, an export the page saves as a file, and the chain check. */
export const auditRouter = router({
  list: procedure.input(auditListSchema).query(({ ctx, input }) => ctx.engine.audit.list(input)),
  export: procedure.input(auditExportSchema).query(({ ctx, input }) => ctx.engine.audit.export(input)),
  verify: procedure.query(({ ctx }) => ctx.engine.audit.verify()),
});
