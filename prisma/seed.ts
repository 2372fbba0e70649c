import { isTemplateLanguage, type TemplateLanguage } from "../engine/contracts/templates";
import type { Engine } from "../engine/index";
import { supportChat } from "../templates/support-chat";
import { DEMO_PASSWORD, DEMO_STAFF } from "./seed-staff";

/** The demo staff, one per role, with the demo password; members already there (and their passwords) are left as they are. */
export async function seedStaff(engine: Engine): Promise<void> {
  // On a restart they are all there: nothing to write, and Prisma (loaded by its first query) is not needed.
  const seeded = engine.staff.withPassword(DEMO_STAFF.map((m) => m.id));
  for (const member of DEMO_STAFF) {
    if (seeded.has(member.id)) continue;
    await engine.staff.ensure({ ...member, skills: [...member.skills] });
    if (!(await engine.signIn.hasPassword(member.id))) await engine.signIn.setPassword(member.id, DEMO_PASSWORD);
  }
}

/** The demo's language: English unless OMNIFLOW_DEMO_LANGUAGE names another template language (e.g. `ru`). */
export function demoLanguage(value = process.env.OMNIFLOW_DEMO_LANGUAGE): TemplateLanguage {
  const language = value?.trim().toLowerCase() ?? "";
  return isTemplateLanguage(language) ? language : "en";
}

/**
 * Seeds the demo: the staff on every start (new members appear in old demo databases), and the
 * published "Support chat" flow once, into an empty database (in Russian with OMNIFLOW_DEMO_LANGUAGE=ru).
 */
export async function seedDemo(engine: Engine, language: TemplateLanguage = demoLanguage()): Promise<void> {
  await seedStaff(engine);
  await seedDemoFlow(engine, language);
}

/** The published "Support chat" flow, into a database without flows; nothing otherwise (cheap: no Prisma query then). */
export async function seedDemoFlow(engine: Engine, language: TemplateLanguage = demoLanguage()): Promise<void> {
  if (!(await engine.flows.isEmpty())) return;
  const demo = supportChat.languages[language] ?? supportChat.languages.en;
  const { id } = await engine.flows.create(demo.name, demo.document);
  await engine.flows.publish(id);
}
