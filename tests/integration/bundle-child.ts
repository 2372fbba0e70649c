/**
 * Child process for server-bundle.test.ts, bundled the way the server is and run by plain node: opens
 * the engine on a new file (migrations found from the bundle's place), publishes the demo flow, takes one
 * web chat message and prints one JSON line: the installed channels, the instance the message started, and
 * what the packages the bundle requires on first use answer (a phone number, stems, a sentiment score).
 * Usage: node <bundle> <db file>
 */
import { installedChannels } from "../../engine/channels/registry";
import { normalisePhone } from "../../engine/customers/identity-key";
import { createEngine } from "../../engine/index";
import { stem } from "../../nodes/logic/intent/text";
import { sentimentScore } from "../../nodes/logic/sentiment/score";
import { seedDemoFlow } from "../../prisma/seed";

const engine = createEngine({ dbFile: process.argv[2], background: false });
await seedDemoFlow(engine, "en");
const { instanceId } = await engine.receive("webchat", { visitorId: "visitor-1", messageId: "message-1", text: "What are your opening hours?" });
await engine.close();
const firstUse = { phone: normalisePhone("020 7946 0018", "GB"), stems: [stem("running"), stem("машины")], sentiment: sentimentScore("great, thanks") };
process.stdout.write(`${JSON.stringify({ channels: [...installedChannels.keys()], instanceId, firstUse })}\n`);
