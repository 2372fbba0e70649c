import { router } from "./trpc";
import { flowsRouter } from "./routers/flows";
import { instancesRouter } from "./routers/instances";
import { tasksRouter } from "./routers/tasks";
import { versionsRouter } from "./routers/versions";
import { webchatRouter } from "./routers/webchat";

export const appRouter = router({
  flows: flowsRouter,
  versions: versionsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  webchat: webchatRouter,
});

export type AppRouter = typeof appRouter;
