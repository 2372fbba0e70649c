import { ru } from "zod/locales";
import { compileFlow } from "../compiler/compile";
import { calledFlowIssue, channelOffIssue, internalHostIssue } from "../compiler/validate";
import type { Channel, FlowEvent } from "../contracts/events";
import { flowDocumentSchema, flowExportSchema, STARTER_DOCUMENT, type FlowDocument, type FlowExport, type FlowIssue } from "../contracts/flow";
import { isTemplateLanguage, TEMPLATE_LANGUAGES, type FlowTemplate, type TemplateLanguage } from "../contracts/templates";
import { FlowInvalidError, inputError } from "../contracts/errors";
import type { FlowTestCase, SimulationStep } from "../contracts/simulation";
import { runTestCase, simulateFlow } from "../simulate/simulate";
import type { FlowRepository, Publisher } from "../store/flows";
import { listensTo, type TriggerOf, type TriggerRanks, triggersOf } from "../compiler/triggers";
import { CHANNEL_NAMES, type ChannelName } from "../contracts/channels";
import { findNodeSpec } from "../../nodes/registry";
import { claimOrders, type Overlap, overlapsOf } from "./trigger-ownership";

export type FlowState = "draft" | "published" | "changed";

/**
 * What the runtime knows of published versions: active flows' triggers, the owners' order where
 * they overlap, and when to forget both (a publish, a delete, a (de)activation).
 */
export type PublishedVersions = { candidates(): { flowId: string; triggers: TriggerOf[] }[]; ranks(): TriggerRanks; invalidate(): void };

/** A flow's waiting instances: how many, and cancelling them (in the engine's write path). */
export type WaitingInstances = { count(flowId: string): number; cancel(flowId: string): Promise<number> };

/** A version's graph as it counts for changes: saved test cases are not part of it. */
const graphOf = (json: string) => {
  const { tests: _tests, ...graph } = JSON.parse(json) as FlowDocument;
  return JSON.stringify(graph);
};

/** The server's outbound policy as publishing needs it: the internal host a URL names literally, unless allowed. */
export type OutboundCheck = { literalRefusal(url: string): { host: string } | null };

/** The channels that can deliver now (an adapter, live or sandboxed), read at each publish and simulation. */
export type DeliverableChannels = () => readonly Channel[];

/** `scheme://host:port` of a URL template when no placeholder is in it (`https://{{vars.host}}/x` names no host). */
const literalOrigin = (template: string) => /^https?:\/\/[^/?#{}\s]*(?=[/?#]|$)/i.exec(template)?.[0] ?? null;

/** Flows and their immutable versions; the template gallery and the outbound policy it was handed. */
export function createFlowService(
  flows: FlowRepository,
  {
    templates,
    published,
    outbound,
    waiting,
    deliverable,
  }: {
    templates: readonly FlowTemplate[];
    published: PublishedVersions;
    outbound: OutboundCheck;
    waiting: WaitingInstances;
    deliverable: DeliverableChannels;
  },
  clock: () => number,
) {
  const onPublished = () => published.invalidate();
  async function requireFlow(id: string) {
    const flow = await flows.live(id);
    if (!flow) throw inputError("flow.not-found", { flowId: id }, "flowId");
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
      if (!spec?.callsFlow) return [];
      const settings = spec.settings.safeParse(node.settings);
      return settings.success ? [{ node, ...spec.callsFlow(settings.data as never) }] : [];
    });
    if (!calls.length) return [];
    const called = await flows.liveWithLatestGraph(calls.map((c) => c.flowId));
    return calls.flatMap(({ node, flowId, field, trigger }) => {
      const flow = called.find((f) => f.id === flowId);
      // A flow calling itself is checked against the document being published.
      const published = flowId === selfId ? document : flow?.versions[0] && parseDraft(flow.versions[0].graph);
      const problem = !flow
        ? ({ key: "call.missing" } as const)
        : !published
          ? ({ key: "call.unpublished", flow: flow.name } as const)
          : !published.nodes.some((n) => n.type === trigger)
            ? ({ key: "call.no-trigger", flow: flow.name, trigger } as const)
            : null;
      return problem ? [calledFlowIssue(node, field, problem)] : [];
    });
  }

  /**
   * Nodes that call outside URLs must not name an internal host literally (169.254.169.254,
   * 127.0.0.1, localhost) unless the allow list does; names are resolved, and checked again, at run time.
   */
  function internalHostIssues(document: FlowDocument): FlowIssue[] {
    return document.nodes.flatMap((node) => {
      const spec = findNodeSpec(node.type);
      const settings = spec?.reachesUrl && spec.settings.safeParse(node.settings);
      if (!spec?.reachesUrl || !settings?.success) return [];
      const { field, url } = spec.reachesUrl(settings.data as never);
      const origin = literalOrigin(url);
      const refused = origin && outbound.literalRefusal(origin);
      return refused ? [internalHostIssue(node, field, refused.host)] : [];
    });
  }

  /**
   * Nodes that send on a fixed channel with no adapter (off, or not installed): a warning, not a
   * refusal, since the channel may be set up later; sends on the conversation's own channel are not checked.
   */
  function channelWarnings(document: FlowDocument): FlowIssue[] {
    const ready = new Set(deliverable());
    return document.nodes.flatMap((node) => {
      const spec = findNodeSpec(node.type);
      const settings = spec?.sendsOn && spec.settings.safeParse(node.settings);
      const target = spec?.sendsOn && settings?.success ? spec.sendsOn(settings.data as never) : null;
      return target && !ready.has(target.channel) ? [channelOffIssue(node, target.field, target.channel)] : [];
    });
  }

  /** What only the server can check: the flows this one calls, and internal hosts against its allow list. */
  async function serverIssues(document: FlowDocument, selfId?: string): Promise<FlowIssue[]> {
    return [...(await calledFlowIssues(document, selfId)), ...internalHostIssues(document)];
  }

  /** Active published flows other than `flowId` whose triggers meet `document`'s, in the owners' order so far, then by name. */
  async function overlapsWith(flowId: string, document: FlowDocument) {
    const others = published.candidates().filter((c) => c.flowId !== flowId);
    const names = new Map((await flows.names(others.map((c) => c.flowId))).map((f) => [f.id, f.name]));
    const claimants = others.map((c) => ({ flowId: c.flowId, name: names.get(c.flowId) ?? c.flowId, triggers: c.triggers }));
    const ranks = published.ranks();
    const place = (o: Overlap) => Math.min(...o.claims.map((claim) => ranks.get(claim)?.get(o.flowId) ?? Number.POSITIVE_INFINITY));
    return overlapsOf(flowId, triggersOf(document), claimants, ranks).sort((a, b) => place(a) - place(b) || a.name.localeCompare(b.name));
  }

  /** The claim orders for `order`; refuses a flow that would take events another active flow takes, unordered. */
  async function ownership(flow: { id: string; name: string }, document: FlowDocument, order?: string[]) {
    return claimOrders(flow.id, await overlapsWith(flow.id, document), order, published.ranks(), flow.name);
  }

  async function create(name: string, document: FlowDocument = STARTER_DOCUMENT) {
    return { id: await flows.create(name, JSON.stringify(document)) };
  }

  /** Takes a flow file (an export, or a template): structure errors throw; graph issues are reported. */
  async function importFlow(json: unknown) {
    const parsed = flowExportSchema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      // The problem worded by zod in each language, so a Russian reader gets a Russian sentence throughout.
      const russian = flowExportSchema.safeParse(json, { error: ru().localeError }).error?.issues[0]?.message ?? first.message;
      const path = first.path.join(".");
      throw inputError("flow.file-invalid", { path: path || "file", problem: { en: first.message, ru: russian } }, path);
    }
    const created = await create(parsed.data.name, parsed.data.document);
    return { id: created.id, issues: compileFlow(parsed.data.document).issues };
  }

  return {
    async list() {
      return (await flows.listLive()).map((f) => {
        const latest = f.versions[0];
        const state: FlowState = !latest ? "draft" : graphOf(latest.graph) === graphOf(f.draft) ? "published" : "changed";
        return {
          id: f.id,
          name: f.name,
          state,
          active: f.active,
          /** What the published version listens to, in each language ("Web chat · any message"). */
          listensTo: latest ? listensTo(triggersOf(parseDraft(latest.graph))) : [],
          latestVersion: latest?.number ?? null,
          publishedAt: latest?.createdAt ?? null,
          publishedBy: latest?.publishedBy ?? null,
          updatedAt: f.updatedAt,
        };
      });
    },

    async get(id: string) {
      const flow = await requireFlow(id);
      return {
        id: flow.id,
        name: flow.name,
        active: flow.active,
        document: parseDraft(flow.draft),
        versions: await flows.versions(id),
        updatedAt: flow.updatedAt,
      };
    },

    create,

    /** Whether any flow was ever created (the demo seeds into an empty database only). */
    async isEmpty() {
      return (await flows.count()) === 0;
    },

    async rename(id: string, name: string) {
      await requireFlow(id);
      await flows.update(id, { name });
    },

    async duplicate(id: string) {
      const flow = await requireFlow(id);
      return create(`${flow.name} (copy)`, parseDraft(flow.draft));
    },

    /** Soft delete: instances keep their flow and version for history. */
    async remove(id: string) {
      await requireFlow(id);
      await flows.update(id, { deletedAt: new Date(clock()) });
      onPublished();
    },

    async saveDraft(id: string, document: FlowDocument) {
      await requireFlow(id);
      const saved = await flows.update(id, { draft: JSON.stringify(document) });
      return { updatedAt: saved.updatedAt };
    },

    calledFlowIssues,
    serverIssues,
    channelWarnings,

    /** Problems that block publishing: the compiler's, then what only the server can check. */
    async validate(document: FlowDocument, flowId?: string): Promise<FlowIssue[]> {
      const { issues } = compileFlow(document);
      return [...issues, ...(await serverIssues(document, flowId))];
    },

    /**
     * Compiles the draft and freezes it as the next numbered version, recording who published it.
     * Refused when nothing changed since the latest version (test cases do not count), and, for an
     * active flow, when its triggers take events another active flow takes and the two were never
     * ordered: `order` (flow ids, first goes first) then says which flow takes such an event.
     * `warnings` (a send on a channel with no adapter) do not stop it.
     */
    async publish(id: string, { by = null, order }: { by?: Publisher; order?: string[] } = {}) {
      const flow = await requireFlow(id);
      const latest = flows.latestOf(id);
      if (latest && graphOf(latest.graph) === graphOf(flow.draft)) throw inputError("flow.publish-unchanged", { version: latest.number });
      const document = parseDraft(flow.draft);
      const compiled = compileFlow(document);
      const server = await serverIssues(document, id);
      if (!compiled.ok || server.length) throw new FlowInvalidError([...compiled.issues, ...server]);
      // A deactivated flow takes nothing: its overlaps are settled when it is reactivated.
      const orders = flow.active ? await ownership(flow, document, order) : [];
      const version = flows.publish(id, flow.draft, JSON.stringify(compiled.machine), clock(), by, orders);
      onPublished();
      // What publishing warns of without refusing: sends on channels that are off, loops nothing but the caps would stop.
      return { ...version, warnings: [...channelWarnings(document), ...compiled.warnings] };
    },

    /** Active flows whose published triggers take some of the events this flow's draft takes. */
    async overlaps(id: string) {
      const flow = await requireFlow(id);
      // The claim keys stay inside: the dialog shows what the other flow listens to, not its keys.
      return (await overlapsWith(id, parseDraft(flow.draft))).map(({ claims: _, ...overlap }) => overlap);
    },

    /** How many of the flow's instances wait (shown before deactivating offers to cancel them). */
    async waitingCount(id: string) {
      await requireFlow(id);
      return waiting.count(id);
    },

    /**
     * Deactivates a flow without deleting it: it starts nothing more. Its waiting instances carry
     * on, or with `cancelWaiting` are cancelled (timers, tasks and called subflows with them).
     */
    async deactivate(id: string, { cancelWaiting = false }: { cancelWaiting?: boolean } = {}) {
      await requireFlow(id);
      flows.setActive(id, false, clock());
      onPublished();
      return { cancelled: cancelWaiting ? await waiting.cancel(id) : 0 };
    },

    /** Reactivates a flow: refused, as publishing is, while its triggers overlap another active flow's unordered. */
    async activate(id: string, { order }: { order?: string[] } = {}) {
      const flow = await requireFlow(id);
      const latest = flows.latestOf(id);
      const orders = latest ? await ownership(flow, parseDraft(latest.graph), order) : [];
      flows.setActive(id, true, clock(), orders);
      onPublished();
    },

    /** Puts a version's graph back into the draft (the draft's test cases stay); publishing makes it live again. */
    async restore(versionId: string) {
      const v = await flows.version(versionId);
      if (!v) throw inputError("version.not-found", { versionId }, "versionId");
      const flow = await requireFlow(v.flowId);
      const { tests } = parseDraft(flow.draft);
      const { tests: _old, ...graph } = parseDraft(v.graph);
      const document: FlowDocument = { ...graph, ...(tests && { tests }) };
      const saved = await flows.update(v.flowId, { draft: JSON.stringify(document) });
      return { flowId: v.flowId, document, updatedAt: saved.updatedAt };
    },

    async version(versionId: string) {
      const v = await flows.version(versionId);
      if (!v) throw inputError("version.not-found", { versionId }, "versionId");
      return {
        id: v.id,
        flowId: v.flowId,
        number: v.number,
        createdAt: v.createdAt,
        publishedBy: v.publishedBy,
        document: parseDraft(v.graph),
        machine: JSON.parse(v.machine) as unknown,
      };
    },

    /** Runs a draft on a script with no real sends (Simulate mode). */
    simulate(document: FlowDocument, steps: SimulationStep[], customer?: FlowTestCase["customer"]) {
      return simulateFlow(document, steps, { customer, deliverable: deliverable() });
    },

    /** Runs every saved test case of a draft. */
    runTests(document: FlowDocument) {
      const ready = deliverable();
      return (document.tests ?? []).map((test) => {
        const { run, failures } = runTestCase(document, test, ready);
        return { id: test.id, name: test.name, passed: failures.length === 0, failures, run };
      });
    },

    /** The channels on which a customer's first message starts a published flow (the Sandbox says where nothing answers). */
    answeredChannels(): ChannelName[] {
      const triggers = published.candidates().flatMap((c) => c.triggers);
      return CHANNEL_NAMES.filter((channel) => {
        const first: FlowEvent = { type: "message.received", at: 0, messageId: "", text: "", channel, opensConversation: true };
        return triggers.some((t) => findNodeSpec(t.type)?.trigger?.matches(t.settings as never, first));
      });
    },

    /** Published flows an operator may start from the workspace (a "Started by an operator" trigger), by name. */
    operatorStartable() {
      const ids = published
        .candidates()
        .filter((c) => c.triggers.some((t) => t.type === "trigger.operator-started"))
        .map((c) => c.flowId);
      return flows.names(ids);
    },

    /**
     * The gallery: each template's name and description in `language` (English where it is not
     * written in that language), the languages it can be created in, its size.
     */
    templates(language: TemplateLanguage = "en") {
      return templates.map((t) => {
        const localized = t.languages[language] ?? t.languages.en;
        const languages = TEMPLATE_LANGUAGES.filter((l) => t.languages[l]);
        return {
          id: t.id,
          name: localized.name,
          description: localized.description,
          language: t.languages[language] ? language : "en",
          languages,
          nodes: localized.document.nodes.length,
          tests: localized.document.tests.length,
        };
      });
    },

    /** A new draft from a template in one of its languages (default English), through the same path as an imported flow file. */
    async createFromTemplate(templateId: string, language: string = "en") {
      const template = templates.find((t) => t.id === templateId);
      if (!template) throw inputError("template.unknown", { templateId }, "templateId");
      if (!isTemplateLanguage(language)) {
        throw inputError("template.language", { language, languages: TEMPLATE_LANGUAGES.join(", ") }, "language");
      }
      const localized = template.languages[language];
      if (!localized) {
        const available = TEMPLATE_LANGUAGES.filter((l) => template.languages[l]).join(", ");
        throw inputError("template.not-in-language", { templateId, language, available }, "language");
      }
      const file = { format: "omniflow.flow", formatVersion: 1, name: localized.name, document: localized.document } satisfies FlowExport;
      const { id } = await importFlow(file);
      return { id };
    },

    async exportFlow(id: string): Promise<FlowExport> {
      const flow = await requireFlow(id);
      return { format: "omniflow.flow", formatVersion: 1, name: flow.name, document: parseDraft(flow.draft) };
    },

    importFlow,
  };
}

export type FlowService = ReturnType<typeof createFlowService>;
