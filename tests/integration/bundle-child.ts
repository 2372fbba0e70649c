/**
 * Child process for server-bundle.test.ts, bundled the way the server is and run by plain node: opens
 * the engine on a new file (migrations found from the bundle's place), publishes the demo flow, takes one
 * web chat message and prints one JSON line: the installed channels and the instance the message started.
 * Usage: node <bundle> <db file>
 */
import { installedChannels } from "../../engine/channels/registry";
import { createEngine } from "../../engine/index";
import { seedDemoFlow } from "../../prisma/seed";

const engine = createEngine({ dbFile: process.argv[2], background: false });
await seedDemoFlow(engine, "en");
const { instanceId } = await engine.receive("webchat", { visitorId: "visitor-1", messageId: "message-1", text: "What are your opening hours?" });
await engine.close();
process.stdout.write(`${JSON.stringify({ channels: [...installedChannels.keys()], instanceId })}\n`);
