import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/app/_server/root";

/** What each procedure returns, as the client receives it (superjson keeps Dates). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
