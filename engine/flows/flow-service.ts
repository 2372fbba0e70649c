import { newId } from "../store/ids";
import { compileFlow } from "../compiler/compile";
import { flowDocumentSchema, flowExportSchema, type FlowDocument, type FlowExport, type FlowIssue } from "../contracts/flow";
import { iso, type Db } from "../store/db";
import type { PrismaClient } from "../store/prisma";
import { EngineInputError, FlowInvalidError } from "../contracts/errors";
import type { FlowTestCase, SimulationStep } from "../contracts/simulation";
import { runTestCase, simulateFlow } from "../simulate/simulate";
import { findTemplate, flowTemplates } from "../templates/catalog";
import { findNodeSpec } from "../../nodes/registry";

/** A new flow starts with a trigger already on the canvas. */
export const STARTER_DOCUMENT: FlowDocument = {
  nodes: [{ id: "trigger", type: "trigger.message-received", position: { x: 80, y: 120 }, settings: { channel: "any" } }],
  edges: [],
};

export type FlowState = "draft" | "published" | "changed";

/** Flows and their immutable versions. */
export function createFlowService(db: Db, prisma: PrismaClient, clock: () => number, onPublished: () => void) {
  const nextNumber = db.prepare(`SELECT COALESCE(MAX(number), 0) + 1 AS n FROM "FlowVersion" WHERE flowId = ?`);
  const insertVersion = db.prepare(`INSERT INTO "FlowVersion" (id, flowId, number, graph, machine, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const publishTx = db.transaction((flowId: string, graph: string, machine: string) => {
    const { n } = nextNumber.get(flowId) as { n: number };
    const id = newId();
    insertVersion.run(id, flowId, n, graph, machine, iso(clock()));
    return { id, number: n };
  });

  async function requireFlow(id: string) {
    const flow = await prisma.flow.findFirst({ where: { id, deletedAt: null } });
    if (!flow) throw new EngineInputError(`flow ${id} not found`, "flowId");
    return flow;
  }

  const parseDraft = (draft: string) => flowDocumentSchema.parse(JSON.parse(draft));

  /**
   * Nodes that run another flow (subflows) must name a live flow whose latest published version
   * starts with the trigger they call through; otherwise the call would fail at run time.
   */
  async function calledFlowIssues(document: FlowDocument, selfId?: string): Promise<FlowIssue[]> {
    const calls = document.nodes.flatMap((node) => {
      const spec = findNodeSpec(node.type);
      const settings = spec?.callsFlow && spec.settings.safeParse(node.settings);
      return settings && settings.success ? [{ node, title: spec.title, ...spec.callsFlow!(settings.data as never) }] : [];
    });
    if (!calls.length) return [];
    const flows = await prisma.flow.findMany({
      where: { id: { in: calls.map((c) => c.flowId) }, deletedAt: null },
      include: { versions: { orderBy: { number: "desc" }, take: 1, select: { graph: true } } },
    });
    return calls.flatMap(({ node, title, flowId, field, trigger }) => {
      const flow = flows.find((f) => f.id === flowId);
      // A flow calling itself is checked against the document being published.
      const published = flowId === selfId ? document : flow?.versions[0] && parseDraft(flow.versions[0].graph);
      const problem = !flow
        ? "the flow to call does not exist (or was deleted)"
        : !published
          ? `"${flow.name}" has no published version yet`
          : !published.nodes.some((n) => n.type === trigger)
            ? `"${flow.name}" cannot be called: its published version has no "${findNodeSpec(trigger)?.title ?? trigger}" trigger`
            : null;
      return problem ? [{ code: "invalid-settings" as const, nodeId: node.id, field, message: `${title}: ${problem}.` }] : [];
    });
  }

  return {
    async list() {
      const flows = await prisma.flow.findMany({
        where: { deletedAt: null },
        orderBy: { createdAt: "asc" },
        include: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, graph: true, createdAt: true } } },
      });
      return flows.map((f) => {
        const latest = f.versions[0];
        const state: FlowState = !latest ? "draft" : latest.graph === f.draft ? "published" : "changed";
        return { id: f.id, name: f.name, state, latestVersion: latest?.number ?? null, publishedAt: latest?.createdAt ?? null, updatedAt: f.updatedAt };
      });
    },

    async get(id: string) {
      const flow = await requireFlow(id);
      const versions = await prisma.flowVersion.findMany({ where: { flowId: id }, orderBy: { number: "desc" }, select: { id: true, number: true, createdAt: true } });
      return { id: flow.id, name: flow.name, document: parseDraft(flow.draft), versions, updatedAt: flow.updatedAt };
    },

    async create(name: string, document: FlowDocument = STARTER_DOCUMENT) {
      const flow = await prisma.flow.create({ data: { id: newId(), name, draft: JSON.stringify(document) } });
      return { id: flow.id };
    },

    async rename(id: string, name: string) {
      await requireFlow(id);
      await prisma.flow.update({ where: { id }, data: { name } });
    },

    async duplicate(id: string) {
      const flow = await requireFlow(id);
      return this.create(`${flow.name} (copy)`, parseDraft(flow.draft));
    },

    /** Soft delete: instances keep their flow and version for history. */
    async remove(id: string) {
      await requireFlow(id);
      await prisma.flow.update({ where: { id }, data: { deletedAt: new Date(clock()) } });
      onPublished();
    },

    async saveDraft(id: string, document: FlowDocument) {
      await requireFlow(id);
      const saved = await prisma.flow.update({ where: { id }, data: { draft: JSON.stringify(document) } });
      return { updatedAt: saved.updatedAt };
    },

    calledFlowIssues,

    /** Problems that block publishing: the compiler's, then flows this one calls that cannot be called. */
    async validate(document: FlowDocument, flowId?: string): Promise<FlowIssue[]> {
      const { issues } = compileFlow(document);
      return [...issues, ...(await calledFlowIssues(document, flowId))];
    },

    /** Compiles the draft and freezes it as the next numbered version. */
    async publish(id: string) {
      const flow = await requireFlow(id);
      const document = parseDraft(flow.draft);
      const compiled = compileFlow(document);
      const calls = await calledFlowIssues(document, id);
      if (!compiled.ok || calls.length) throw new FlowInvalidError([...compiled.issues, ...calls]);
      // The draft string itself is stored so "published" vs "changed" is a plain comparison.
      const version = publishTx(id, flow.draft, JSON.stringify(compiled.machine));
      onPublished();
      return version;
    },

    async version(versionId: string) {
      const v = await prisma.flowVersion.findUnique({ where: { id: versionId } });
      if (!v) throw new EngineInputError(`version ${versionId} not found`, "versionId");
      return { id: v.id, flowId: v.flowId, number: v.number, createdAt: v.createdAt, document: parseDraft(v.graph), machine: JSON.parse(v.machine) as unknown };
    },

    /** Runs a draft on a script with no real sends (Simulate mode). */
    simulate(document: FlowDocument, steps: SimulationStep[], customer?: FlowTestCase["customer"]) {
      return simulateFlow(document, steps, { customer });
    },

    /** Runs every saved test case of a draft. */
    runTests(document: FlowDocument) {
      return (document.tests ?? []).map((test) => {
        const { run, failures } = runTestCase(document, test);
        return { id: test.id, name: test.name, passed: failures.length === 0, failures, run };
      });
    },

    templates() {
      return flowTemplates.map((t) => ({ id: t.id, name: t.name, description: t.description, nodes: t.document.nodes.length, tests: t.document.tests.length }));
    },

    async createFromTemplate(templateId: string) {
      const template = findTemplate(templateId);
      if (!template) throw new EngineInputError(`no template "${templateId}"`, "templateId");
      return this.create(template.name, template.document);
    },

    async exportFlow(id: string): Promise<FlowExport> {
      const flow = await requireFlow(id);
      return { format: "omniflow.flow", formatVersion: 1, name: flow.name, document: parseDraft(flow.draft) };
    },

    /** Imports an export file as a new draft flow. Structure errors throw; graph issues are reported. */
    async importFlow(json: unknown) {
      const parsed = flowExportSchema.safeParse(json);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new EngineInputError(`Not an Omniflow flow file: ${first.path.join(".") || "file"}: ${first.message}`, first.path.join("."));
      }
      const created = await this.create(parsed.data.name, parsed.data.document);
      return { id: created.id, issues: compileFlow(parsed.data.document).issues };
    },
  };
}

export type FlowService = ReturnType<typeof createFlowService>;
