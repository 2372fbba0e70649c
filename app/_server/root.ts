import { router } from "./trpc";
import { credentialsRouter } from "./routers/credentials";
import { auditRouter } from "./routers/audit";
import { apiKeysRouter } from "./routers/api-keys";
import { flowsRouter } from "./routers/flows";
import { instancesRouter } from "./routers/instances";
import { meRouter } from "./routers/me";
import { customersRouter } from "./routers/customers";
import { privacyRouter } from "./routers/privacy";
import { staffRouter } from "./routers/staff";
import { tasksRouter } from "./routers/tasks";
import { versionsRouter } from "./routers/versions";
import { webchatRouter } from "./routers/webchat";
import { channelsRouter } from "./routers/channels";
import { sandboxRouter } from "./routers/sandbox";

export const appRouter = router({
  flows: flowsRouter,
  versions: versionsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  staff: staffRouter,
  webchat: webchatRouter,
  me: meRouter,
  credentials: credentialsRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  customers: customersRouter,
  privacy: privacyRouter,
  channels: channelsRouter,
  sandbox: sandboxRouter,
});

export type AppRouter = typeof appRouter;
