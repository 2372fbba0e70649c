import type { Engine } from "../engine/index";
import { supportChat } from "../templates/support-chat";
import { DEMO_STAFF } from "./seed-staff";

/** The demo staff (operators with skills, a supervisor); members already there are left as they are. */
export async function seedStaff(engine: Engine): Promise<void> {
  for (const member of DEMO_STAFF) await engine.staff.ensure({ ...member, skills: [...member.skills] });
}

/**
 * Seeds the demo: the staff on every start (new members appear in old demo databases), and the
 * published "Support chat" flow once, into an empty database.
 */
export async function seedDemo(engine: Engine): Promise<void> {
  await seedStaff(engine);
  if (!(await engine.flows.isEmpty())) return;
  const { id } = await engine.flows.create(supportChat.name, supportChat.document);
  await engine.flows.publish(id);
}
