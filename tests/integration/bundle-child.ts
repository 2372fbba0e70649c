/**
 * Child for server-bundle.test.ts, bundled and snapshotted the way the server is, and started from its
 * snapshot by plain node: opens the engine on a new file (migrations found from the bundle's place),
 * publishes the demo flow, takes one web chat message and prints one JSON line: the installed channels, the
 * instance the message started, and what the packages loaded on first use answer (a phone number, stems,
 * a sentiment score). Usage: node --snapshot-blob <blob> <db file>
 */
import { startupSnapshot } from "node:v8";
import { installedChannels } from "../../engine/channels/registry";
import { normalisePhone } from "../../engine/customers/identity-key";
import { createEngine } from "../../engine/index";
import { stem } from "../../nodes/logic/intent/text";
import { sentimentScore } from "../../nodes/logic/sentiment/score";
import { seedDemoFlow } from "../../prisma/seed";

async function main(dbFile: string) {
  const engine = createEngine({ dbFile, background: false });
  await seedDemoFlow(engine, "en");
  const { instanceId } = await engine.receive("webchat", { visitorId: "visitor-1", messageId: "message-1", text: "What are your opening hours?" });
  await engine.close();
  const firstUse = { phone: normalisePhone("020 7946 0018", "GB"), stems: [stem("running"), stem("машины")], sentiment: sentimentScore("great, thanks") };
  process.stdout.write(`${JSON.stringify({ channels: [...installedChannels.keys()], instanceId, firstUse })}\n`);
}

// Started from a snapshot, node's arguments after the snapshot's are process.argv[1...].
startupSnapshot.setDeserializeMainFunction(() => void main(process.argv[1]));
