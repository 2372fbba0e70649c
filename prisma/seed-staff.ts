/** The demo's staff: who the workspace can be used as until sign-in exists. */
export const DEMO_OPERATOR_ID = "demo-operator";

export const DEMO_STAFF = [
  { id: DEMO_OPERATOR_ID, name: "Demo Operator", email: "operator@omniflow.local", role: "operator", skills: ["support"] },
  { id: "olga-petrova", name: "Olga Petrova", email: "olga@omniflow.local", role: "operator", skills: ["complaints", "ru", "support"] },
  { id: "ravi-shah", name: "Ravi Shah", email: "ravi@omniflow.local", role: "operator", skills: ["fraud", "callbacks", "support"] },
  { id: "sam-lee", name: "Sam Lee", email: "sam@omniflow.local", role: "supervisor", skills: [] },
] as const;
