import * as z from "zod";
import { FLOW_LANGUAGES, FLOW_LIMITS, flowDocumentSchema, starterDocument } from "@/engine/contracts/flow";
import { TEMPLATE_LANGUAGES } from "@/engine/contracts/templates";
import { flowTestCaseSchema, simulationStepSchema } from "@/engine/contracts/simulation";
import { procedure, router } from "../trpc";

const flowId = z.object({ flowId: z.string().min(1) });
/** The language a template is listed or created in (today's calls without one get English). */
const templateLanguage = z.enum(TEMPLATE_LANGUAGES).default("en");
const name = z.string().trim().min(1, "give the flow a name").max(FLOW_LIMITS.name);
/** Where triggers overlap: flow ids, first goes first (this flow and every flow it overlaps). */
const order = z.array(z.string().min(1).max(64)).min(1).max(100).optional();

export const flowsRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.flows.list()),
  get: procedure.input(flowId).query(({ ctx, input }) => ctx.engine.flows.get(input.flowId)),
  /** `language`: the creator's locale; the flow's built-in customer texts follow it (absent: English). */
  create: procedure
    .input(z.object({ name, language: z.enum(FLOW_LANGUAGES).optional() }))
    .mutation(({ ctx, input }) => ctx.engine.flows.create(input.name, starterDocument(input.language))),
  rename: procedure.input(flowId.extend({ name })).mutation(({ ctx, input }) => ctx.engine.flows.rename(input.flowId, input.name)),
  duplicate: procedure.input(flowId).mutation(({ ctx, input }) => ctx.engine.flows.duplicate(input.flowId)),
  delete: procedure.input(flowId).mutation(({ ctx, input }) => ctx.engine.flows.remove(input.flowId)),
  saveDraft: procedure
    .input(flowId.extend({ document: flowDocumentSchema }))
    .mutation(({ ctx, input }) => ctx.engine.flows.saveDraft(input.flowId, input.document)),
  /** What the editor cannot check itself: flows this one calls must exist, be published and callable; URLs must not name internal hosts. */
  linkedFlowIssues: procedure
    .input(z.object({ document: flowDocumentSchema, flowId: z.string().min(1) }))
    .query(({ ctx, input }) => ctx.engine.flows.serverIssues(input.document, input.flowId)),
  /** Publishes as the signed-in person; `order` settles overlapping triggers (see `overlaps`). */
  publish: procedure
    .input(flowId.extend({ order }))
    .mutation(({ ctx, input }) => ctx.engine.flows.publish(input.flowId, { by: ctx.user && { id: ctx.user.id, name: ctx.user.name }, order: input.order })),
  /** Active flows whose triggers take some of the events this draft's take, and whether the owners ordered them. */
  overlaps: procedure.input(flowId).query(({ ctx, input }) => ctx.engine.flows.overlaps(input.flowId)),
  /** How many of the flow's instances wait (what deactivating may cancel). */
  waitingCount: procedure.input(flowId).query(({ ctx, input }) => ctx.engine.flows.waitingCount(input.flowId)),
  deactivate: procedure
    .input(flowId.extend({ cancelWaiting: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => ctx.engine.flows.deactivate(input.flowId, { cancelWaiting: input.cancelWaiting })),
  activate: procedure.input(flowId.extend({ order })).mutation(({ ctx, input }) => ctx.engine.flows.activate(input.flowId, { order: input.order })),
  simulate: procedure
    .input(z.object({ document: flowDocumentSchema, steps: z.array(simulationStepSchema).min(1).max(200), customer: flowTestCaseSchema.shape.customer }))
    .mutation(({ ctx, input }) => ctx.engine.flows.simulate(input.document, input.steps, input.customer)),
  runTests: procedure.input(z.object({ document: flowDocumentSchema })).mutation(({ ctx, input }) => ctx.engine.flows.runTests(input.document)),
  templates: procedure
    .input(z.object({ language: templateLanguage }).optional())
    .query(({ ctx, input }) => ctx.engine.flows.templates(input?.language ?? "en")),
  createFromTemplate: procedure
    .input(z.object({ templateId: z.string().min(1).max(64), language: templateLanguage }))
    .mutation(({ ctx, input }) => ctx.engine.flows.createFromTemplate(input.templateId, input.language)),
  export: procedure.input(flowId).query(({ ctx, input }) => ctx.engine.flows.exportFlow(input.flowId)),
  import: procedure.input(z.object({ file: z.unknown() })).mutation(({ ctx, input }) => ctx.engine.flows.importFlow(input.file)),
});
