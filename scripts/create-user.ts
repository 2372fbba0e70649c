/**
 * `npm run user:create -- --email ann@example.com --name "Ann Lee" --role admin [--skills complaints,ru]`
 * Adds a staff member who signs in with a password (or replaces the password of one who exists).
 * The password comes from OMNIFLOW_NEW_PASSWORD, else a random one is printed once. Outside the
 * demo this is how the first administrator is made.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { isRole, ROLES } from "../engine/contracts/access";
import { createEngine } from "../engine/index";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, skills: { type: "string" } } });
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || !values.name?.trim() || !isRole(values.role)) {
  console.error(`Usage: npm run user:create -- --email <e-mail> --name "<name>" --role <${ROLES.join("|")}> [--skills a,b]`);
  process.exit(2);
}
const password = process.env.OMNIFLOW_NEW_PASSWORD ?? randomBytes(12).toString("base64url");
if (password.length < 8) {
  console.error("OMNIFLOW_NEW_PASSWORD must be at least 8 characters.");
  process.exit(2);
}

const engine = createEngine({ background: false });
const id = email.replace(/[^a-z0-9]+/g, "-");
const skills = (values.skills ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
await engine.staff.ensure({ id, name: values.name.trim(), email, role: values.role, skills });
await engine.signIn.setPassword(id, password);
engine.audit.record({ actor: { kind: "system" }, action: "staff.create", target: { type: "operator", id }, outcome: "ok", detail: { role: values.role } });
await engine.close();
console.log(`${values.name.trim()} <${email}> can sign in as ${values.role}.`);
if (!process.env.OMNIFLOW_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
