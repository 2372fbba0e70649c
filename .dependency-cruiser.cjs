// Import boundaries for Omniflow. `npm run check:boundaries` (part of `npm test`) fails on any error below.
//
// Source of truth: the "may import" rule that each folder's README states (the layout table of issue 12).
// Every folder rule is named after the folder it guards; its message quotes that folder's README rule.
// Folders that do not exist yet (engine/effects, engine/routing, engine/jobs, templates/, server/) are
// already covered: the rules apply as soon as a file appears there.
//
// General allowances (apply to every folder rule):
//   - a folder may always import its own files (engine/runtime/* -> engine/runtime/*);
//   - npm packages and node built-ins are not restricted here (except engine/contracts: zod only);
//   - test files (*.test.ts[x], *.spec.ts[x]) are not bound by the folder rules: they may use the test kits
//     (engine/testing), fixtures (templates, the demo seed) and whatever they test; no-circular still holds;
//   - tests/, bench/, scripts/ and root files (server.ts, *.config.ts) are not restricted by folder rules.
// Rules for all code: no import cycles (type-only imports included), no unresolvable imports,
// engine/testing only from tests, and every engine/ folder must be one of the folders in the layout.

/** A test file: only these get the engine/testing allowance. */
const TEST_FILE = "\\.(test|spec)\\.(ts|tsx|mts|cts|js|mjs)$";

/** A module that is part of this repository (not npm, not a node built-in, not unresolved). */
const PROJECT = "^(app|engine|nodes|server|templates|prisma|tests|bench|scripts|public)/|^[^/]+\\.(ts|tsx|mts|cts|js|mjs|cjs)$";

const CONTRACTS = "^engine/contracts/";
const TESTING = "^engine/testing/";

/** The engine folders the layout names. Anything else directly under engine/ is flagged. */
const ENGINE_FOLDERS = [
  "contracts",
  "effects",
  "compiler",
  "runtime",
  "ingress",
  "channels",
  "channel-setup",
  "routing",
  "flows",
  "simulate",
  "store",
  "jobs",
  "testing",
  "credentials",
  "audit",
  "outbound",
  "access",
  "privacy",
  "customers",
  "writer",
];

/**
 * The layout table: who (from) may import what (allow: project paths; typesOnly: project paths
 * that may be imported with `import type` only). `rule` is the sentence the folder README states.
 */
const LAYOUT = [
  {
    name: "engine/effects",
    from: "^engine/effects/",
    allow: [CONTRACTS],
    typesOnly: ["^engine/store/", "^engine/channels/channel\\.ts$"],
    rule: "engine/effects may import engine/contracts, and types (import type) from engine/store and the channel contract (engine/channels/channel.ts)",
  },
  {
    name: "engine/credentials",
    from: "^engine/credentials/",
    allow: [CONTRACTS, "^engine/store/"],
    rule: "engine/credentials (secrets sealed at rest: key, secret box, the credentials service) may import engine/contracts and store",
  },
  {
    name: "engine/audit",
    from: "^engine/audit/",
    allow: [CONTRACTS, "^engine/store/"],
    rule: "engine/audit (the hash-chained audit trail: record, redact, list, export, verify) may import engine/contracts and store",
  },
  {
    name: "engine/outbound",
    from: "^engine/outbound/",
    allow: [CONTRACTS],
    rule: "engine/outbound (the guarded HTTP client flows call outside APIs with: address policy, allow list) may import engine/contracts only",
  },
  {
    name: "engine/access",
    from: "^engine/access/",
    allow: [CONTRACTS, "^engine/store/", "^engine/credentials/"],
    rule: "engine/access (API keys, request signatures, web chat visitor tokens) may import engine/contracts, store and credentials",
  },
  {
    name: "engine/privacy",
    from: "^engine/privacy/",
    allow: [CONTRACTS, "^engine/store/"],
    rule: "engine/privacy (export and erase a customer's personal data, retention, settings) may import engine/contracts and store",
  },
  {
    name: "engine/compiler",
    from: "^engine/compiler/",
    allow: [CONTRACTS, "^nodes/registry\\.ts$", "^nodes/_kit/"],
    rule: "engine/compiler (pure) may import engine/contracts, nodes/registry and nodes/_kit only",
  },
  {
    name: "engine/runtime",
    from: "^engine/runtime/",
    allow: [CONTRACTS, "^engine/compiler/", "^engine/effects/", "^engine/store/", "^nodes/"],
    rule: "engine/runtime may import engine/contracts, compiler, effects, store, and nodes",
  },
  {
    name: "engine/ingress",
    from: "^engine/ingress/",
    allow: [CONTRACTS, "^engine/runtime/", "^engine/store/", "^engine/channels/channel\\.ts$", "^engine/customers/(identity-key|find-identifiers)\\.ts$"],
    rule: "engine/ingress may import engine/contracts, runtime, store, the channel contract (engine/channels/channel.ts) and engine/customers' identity keys",
  },
  {
    name: "engine/customers",
    from: "^engine/customers/",
    allow: [CONTRACTS, "^engine/store/"],
    rule: "engine/customers (identity keys, merge suggestions, merges and splits, the timeline, CSV import) may import engine/contracts and store",
  },
  {
    name: "engine/channels",
    from: "^engine/channels/",
    allow: [CONTRACTS],
    rule: "engine/channels (adapter contract, registry, one folder per channel) may import engine/contracts only",
  },
  {
    name: "engine/writer",
    from: "^engine/writer/",
    allow: [
      CONTRACTS,
      "^engine/ingress/",
      "^engine/runtime/",
      "^engine/store/",
      "^engine/routing/task-commands\\.ts$",
      "^engine/customers/(identity-key|merge-commands|csv-commands)\\.ts$",
      "^engine/privacy/settings\\.ts$",
    ],
    typesOnly: ["^engine/effects/", "^engine/channels/channel\\.ts$"],
    rule:
      "engine/writer (the ways in, the commands that commit, on this thread or the writer thread) may import engine/contracts, ingress, " +
      "runtime, store, routing's task commands, customers' identity keys, merge and CSV commands, settings, and types from effects and the channel contract",
  },
  {
    name: "engine/channel-setup",
    from: "^engine/channel-setup/",
    allow: [CONTRACTS, "^engine/store/"],
    typesOnly: ["^engine/channels/(channel|provider-fake)\\.ts$", "^engine/credentials/secret-box\\.ts$"],
    rule: "engine/channel-setup may import engine/contracts and store, and types from the channel and fake-provider contracts and the secret box",
  },
  {
    name: "engine/routing",
    from: "^engine/routing/",
    allow: [CONTRACTS, "^engine/store/", "^engine/runtime/", "^engine/effects/"],
    rule: "engine/routing may import engine/contracts, store, runtime and effects (an operator's reply is queued like a flow's message)",
  },
  {
    name: "engine/flows",
    from: "^engine/flows/",
    allow: [CONTRACTS, "^engine/compiler/", "^engine/simulate/", "^engine/store/", "^nodes/registry\\.ts$"],
    rule: "engine/flows may import engine/contracts, compiler, simulate, store and nodes/registry (templates and the outbound policy are handed in by configuration)",
  },
  {
    name: "engine/simulate",
    from: "^engine/simulate/",
    allow: [CONTRACTS, "^engine/compiler/", "^engine/runtime/(step|machine)\\.ts$", "^engine/effects/", "^nodes/"],
    rule: "engine/simulate may import engine/contracts, compiler, runtime/step and runtime/machine, effects, and nodes",
  },
  {
    name: "engine/store",
    from: "^engine/store/",
    allow: [CONTRACTS, "^prisma/generated/"],
    rule: "engine/store may import engine/contracts and prisma/generated only (it is the only code that prepares SQL or calls Prisma)",
  },
  {
    name: "engine/jobs",
    from: "^engine/jobs/",
    // contracts: the table says contracts are "shared by everyone".
    allow: [CONTRACTS, "^engine/runtime/", "^engine/store/", "^engine/ingress/"],
    rule: "engine/jobs may import engine/contracts, runtime, store and ingress",
  },
  {
    name: "engine/testing",
    from: "^engine/testing/",
    allow: ["^engine/", "^nodes/", "^templates/"],
    rule: "engine/testing may import anything in engine/ and nodes/, and the templates (test engines offer the gallery)",
  },
  {
    name: "engine/index",
    from: "^engine/index\\.ts$",
    allow: ["^engine/"],
    rule: "engine/index.ts is the façade (wiring only): it may import everything in engine/ (not engine/testing)",
  },
  {
    name: "nodes",
    from: "^nodes/",
    allow: ["^nodes/", CONTRACTS],
    typesOnly: ["^engine/effects/registry\\.ts$"],
    rule: "nodes may import nodes/** and engine/contracts/** only, and the Effect type (import type) from engine/effects/registry",
  },
  {
    name: "templates",
    from: "^templates/",
    allow: [CONTRACTS],
    rule: "templates may import engine/contracts only",
  },
  {
    name: "server",
    from: "^server/",
    allow: ["^engine/index\\.ts$", CONTRACTS],
    typesOnly: ["^engine/channels/channel\\.ts$"],
    rule: "server may import engine/index (the façade), engine/contracts, and types from engine/channels/channel.ts",
  },
  {
    name: "app",
    from: "^app/",
    allow: ["^nodes/registry\\.ts$", "^nodes/_kit/", CONTRACTS, "^engine/compiler/", "^engine/effects/", "^public/"],
    typesOnly: ["^engine/index\\.ts$"],
    rule: "app may import nodes/registry, nodes/_kit, engine/contracts, engine/compiler, engine/effects (describe), and types (import type) from engine/index",
  },
  {
    name: "prisma",
    // prisma/generated is generated code: it only imports itself and @prisma packages.
    from: "^prisma/",
    fromNot: "^prisma/generated/",
    // contracts: the table says contracts are "shared by everyone".
    allow: ["^engine/index\\.ts$", "^templates/", CONTRACTS],
    rule: "prisma (schema, migrations, seed) may import the engine façade (engine/index) and templates (and engine/contracts)",
  },
];

const fs = require("node:fs");
/** The README that states a folder's rule: its own if it has one, else the engine's table. */
const readmeOf = (name) => (fs.existsSync(`${name}/README.md`) ? `${name}/README.md` : "engine/README.md");

/** Regex source that matches the folder itself, from `^engine/runtime/` style patterns. */
const self = (entry) => entry.from;

const layoutRules = LAYOUT.flatMap((entry) => {
  const typesOnly = entry.typesOnly ?? [];
  const rules = [
    {
      name: entry.name,
      severity: "error",
      comment: `${readmeOf(entry.name.replace(/\/index$/, ""))}: ${entry.rule}.`,
      from: { path: entry.from, pathNot: [TEST_FILE, ...(entry.fromNot ? [entry.fromNot] : [])] },
      to: {
        path: PROJECT,
        pathNot: [self(entry), TESTING, ...entry.allow, ...typesOnly],
      },
    },
  ];
  if (typesOnly.length > 0) {
    rules.push({
      name: `${entry.name} (types only)`,
      severity: "error",
      comment: `${readmeOf(entry.name.replace(/\/index$/, ""))}: ${entry.rule}. This import brings in values, not only types: use \`import type\`.`,
      from: { path: entry.from, pathNot: [TEST_FILE, ...(entry.fromNot ? [entry.fromNot] : [])] },
      to: { path: typesOnly, dependencyTypesNot: ["type-only"] },
    });
  }
  return rules;
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "engine/contracts",
      severity: "error",
      comment: "engine/README.md: contracts are a leaf: they may import zod and other engine/contracts files only.",
      from: { path: CONTRACTS },
      to: { pathNot: [CONTRACTS, "^node_modules/zod/"] },
    },
    ...layoutRules,
    {
      name: "engine-folder-not-in-layout",
      severity: "error",
      comment: `engine/README.md: code in engine/ lives in one of its folders (${ENGINE_FOLDERS.join(", ")}) or is the façade engine/index.ts. Move this module.`,
      // A module-level rule (one report per module, not per import): it counts the module's dependents
      // whose path matches `from.path`; "^$" matches none, so "fewer than 1" holds for every module.
      module: {
        path: "^engine/",
        pathNot: [`^engine/(${ENGINE_FOLDERS.join("|")})/`, "^engine/index\\.ts$", "\\.d\\.ts$"],
        numberOfDependentsLessThan: 1,
      },
      from: { path: "^$" },
    },
    {
      name: "testing-only-from-tests",
      severity: "error",
      comment:
        "engine/README.md: the test kits (engine/testing) are imported by test files (*.test.ts), engine/testing itself, tests/, bench/ and scripts/ only — never by code that ships.",
      from: { pathNot: [TEST_FILE, TESTING, "^(tests|bench|scripts)/"] },
      to: { path: TESTING },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "No import cycles anywhere (module level, `import type` included). Break the cycle: move the shared part to a lower layer (e.g. engine/contracts) or hand the dependency in.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "This import cannot be resolved to a file: a typo, a moved module, or an npm package missing from package.json.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Generated or vendored code: not cruised, but imports of it still resolve (engine/store -> prisma/generated).
    doNotFollow: { path: ["node_modules", "^prisma/generated/"] },
    exclude: {
      path: ["^\\.next/", "^prisma/generated/", "^bench/out/", "^test-results/", "^playwright-report/", "^data/", "^node_modules/"],
    },
    // See `import type` too: they take part in cycles, and the types-only rules need them.
    tsPreCompilationDeps: true,
    detectJSDocImports: false,
    // Resolves the `@/` path alias from tsconfig.json.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
