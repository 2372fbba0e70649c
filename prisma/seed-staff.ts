import type { Role } from "../engine/contracts/access";

/** The demo's staff: one person per role (operators with skills), each signing in with DEMO_PASSWORD. */
export const DEMO_OPERATOR_ID = "demo-operator";

/** Printed in the README and on the sign-in page of the demo: these accounts exist only in the demo (OMNIFLOW_DEMO=1). */
export const DEMO_PASSWORD = "omniflow-demo";

export const DEMO_STAFF: readonly { id: string; name: string; email: string; role: Role; skills: readonly string[] }[] = [
  { id: "alex-morgan", name: "Alex Morgan", email: "admin@omniflow.local", role: "admin", skills: [] },
  { id: "paula-owens", name: "Paula Owens", email: "owner@omniflow.local", role: "owner", skills: [] },
  { id: "mia-chen", name: "Mia Chen", email: "marketer@omniflow.local", role: "marketer", skills: [] },
  { id: DEMO_OPERATOR_ID, name: "Demo Operator", email: "operator@omniflow.local", role: "operator", skills: ["support"] },
  { id: "olga-petrova", name: "Olga Petrova", email: "olga@omniflow.local", role: "operator", skills: ["complaints", "ru", "support"] },
  { id: "ravi-shah", name: "Ravi Shah", email: "ravi@omniflow.local", role: "operator", skills: ["fraud", "callbacks", "support"] },
  { id: "sam-lee", name: "Sam Lee", email: "sam@omniflow.local", role: "supervisor", skills: [] },
];
