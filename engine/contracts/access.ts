/**
 * Who may do what: the one policy table for every tRPC procedure and every page. Default deny:
 * a procedure or page missing here is refused (and the authorization matrix test fails).
 * `public` needs no sign-in (the customer's web chat, the sign-in page); `signed-in` is any role.
 */
export const ROLES = ["admin", "owner", "marketer", "operator", "supervisor"] as const;
export type Role = (typeof ROLES)[number];

export type Access = "public" | "signed-in" | readonly Role[];

const BUILD = ["admin", "owner"] as const;
const WORK = ["admin", "operator", "supervisor"] as const;
const WATCH = ["admin", "owner", "supervisor"] as const;
const ADMIN = ["admin"] as const;
/** The sandbox writes only to channels that run against fake providers: whoever designs or watches flows may try them. */
const TRY = ["admin", "owner", "marketer", "supervisor"] as const;

export const PROCEDURE_POLICY: Record<string, Access> = {
  "flows.list": ["admin", "owner", "marketer", "supervisor"],
  "flows.get": ["admin", "owner", "marketer", "supervisor"],
  "flows.create": BUILD,
  "flows.rename": BUILD,
  "flows.duplicate": BUILD,
  "flows.delete": BUILD,
  "flows.saveDraft": BUILD,
  "flows.linkedFlowIssues": BUILD,
  "flows.publish": BUILD,
  "flows.overlaps": BUILD,
  "flows.waitingCount": BUILD,
  "flows.deactivate": BUILD,
  "flows.activate": BUILD,
  "flows.simulate": BUILD,
  "flows.runTests": BUILD,
  "flows.templates": BUILD,
  "flows.createFromTemplate": BUILD,
  "flows.export": BUILD,
  "flows.import": BUILD,
  "versions.get": WATCH,
  "versions.restore": BUILD,
  "instances.list": WATCH,
  "instances.get": WATCH,
  "instances.migrationPlan": BUILD,
  "instances.migrate": BUILD,
  "instances.startable": WORK,
  "instances.startForCustomer": WORK,
  // Replaying on the draft is the owner's check of their change: it reads a run and simulates, nothing is written.
  "instances.replayOnDraft": BUILD,
  "tasks.list": WORK,
  "tasks.get": WORK,
  "tasks.toggleStep": WORK,
  "tasks.reply": WORK,
  "tasks.complete": WORK,
  "staff.list": ["admin", "supervisor"],
  "staff.notifications": WORK,
  "staff.acknowledge": WORK,
  // A visitor is anonymous: their signed visitor token (not a session) is what protects a conversation.
  "webchat.newVisitor": "public",
  "webchat.send": "public",
  "webchat.messages": "public",
  // Process owners pick credentials in the HTTP Request node; only admins add, replace or remove them.
  "credentials.list": BUILD,
  "credentials.create": ADMIN,
  "credentials.replace": ADMIN,
  "credentials.rename": ADMIN,
  "credentials.remove": ADMIN,
  // Supervisors look a customer up; exporting or erasing their personal data is an administrator's act.
  "customers.list": ["admin", "supervisor"],
  "customers.get": ["admin", "supervisor"],
  // Operators see a customer's timeline and decide merge suggestions on the workspace card; splitting a merge is a supervisor's fix.
  "customers.timeline": ["admin", "operator", "supervisor"],
  "customers.suggestions": ["admin", "operator", "supervisor"],
  "customers.merges": ["admin", "supervisor"],
  "customers.acceptMerge": ["admin", "operator", "supervisor"],
  "customers.rejectMerge": ["admin", "operator", "supervisor"],
  "customers.split": ["admin", "supervisor"],
  "customers.import": ADMIN,
  "customers.defaultRegion": ADMIN,
  "customers.setDefaultRegion": ADMIN,
  "customers.export": ADMIN,
  "customers.erase": ADMIN,
  "privacy.retention": ADMIN,
  "privacy.setRetention": ADMIN,
  "channels.list": ADMIN,
  "channels.configure": ADMIN,
  "channels.setMode": ADMIN,
  "channels.testSend": ADMIN,
  "sandbox.channels": TRY,
  "sandbox.answered": TRY,
  "sandbox.write": TRY,
  "sandbox.thread": TRY,
  "apiKeys.list": ADMIN,
  "apiKeys.create": ADMIN,
  "apiKeys.revoke": ADMIN,
  "audit.list": ADMIN,
  "audit.export": ADMIN,
  "audit.verify": ADMIN,
  "me.get": "public",
  "me.setLanguage": "signed-in",
};

/**
 * Pages by path prefix (`/` is the front door alone: the sign-in form, or the person's home), the
 * longest prefix wins; a path no entry covers is refused. `HOME` is where a role lands.
 */
export const PAGE_POLICY: { prefix: string; access: Access }[] = [
  { prefix: "/sign-in", access: "public" },
  { prefix: "/chat", access: "public" },
  { prefix: "/forbidden", access: "signed-in" },
  { prefix: "/workspace", access: WORK },
  { prefix: "/instances", access: WATCH },
  { prefix: "/flows", access: ["admin", "owner", "marketer", "supervisor"] },
  { prefix: "/settings", access: ADMIN },
  { prefix: "/customers", access: ["admin", "supervisor"] },
  { prefix: "/audit", access: ADMIN },
  { prefix: "/sandbox", access: TRY },
  { prefix: "/", access: "public" },
];

export const HOME: Record<Role, string> = { admin: "/", owner: "/", marketer: "/", operator: "/workspace", supervisor: "/workspace" };

export const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);

/** Whether a caller (null: not signed in) passes an access rule. */
export function allows(access: Access | undefined, role: Role | null): boolean {
  if (access === undefined) return false;
  if (access === "public") return true;
  if (role === null) return false;
  return access === "signed-in" || access.includes(role);
}

/** The page rule for a path (a path outside every prefix is refused). */
export function pageAccess(pathname: string): Access | undefined {
  const matches = PAGE_POLICY.filter((p) => pathname === p.prefix || (p.prefix !== "/" && pathname.startsWith(`${p.prefix}/`)));
  return matches.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.access;
}

/** The header server/ sets from the socket (replacing any client value): the address rate limits and the audit trail record. */
export const CLIENT_IP_HEADER = "x-omniflow-client-ip";
