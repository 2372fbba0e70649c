import { router } from "./trpc";
import { customersRouter } from "./routers/customers";
import { flowsRouter } from "./routers/flows";
import { instancesRouter } from "./routers/instances";
import { privacyRouter } from "./routers/privacy";
import { staffRouter } from "./routers/staff";
import { tasksRouter } from "./routers/tasks";
import { versionsRouter } from "./routers/versions";
import { webchatRouter } from "./routers/webchat";

export const appRouter = router({
  flows: flowsRouter,
  versions: versionsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  staff: staffRouter,
  webchat: webchatRouter,
  customers: customersRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
