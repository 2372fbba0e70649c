import type { Engine } from "../engine/index";
import { supportChat } from "../engine/templates/support-chat";

/** Seeds the demo once: an empty database gets the published "Support chat" flow and an operator. */
export async function seedDemo(engine: Engine): Promise<void> {
  if ((await engine.prisma.flow.count()) > 0) return;
  const { id } = await engine.flows.create(supportChat.name, supportChat.document);
  await engine.flows.publish(id);
  await engine.prisma.operator.upsert({
    where: { email: "operator@omniflow.local" },
    create: { id: "demo-operator", name: "Demo Operator", email: "operator@omniflow.local" },
    update: {},
  });
}
