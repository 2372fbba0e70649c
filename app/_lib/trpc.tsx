"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/app/_server/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * A session that ended (expired, signed out in another tab) sends the person to sign in again, then
 * back here. A refused visitor token (an engine access error) is the chat's own business.
 */
function signInAgain(error: unknown) {
  const data = (error as { data?: { code?: string; engineError?: unknown } }).data;
  if (data?.code !== "UNAUTHORIZED" || data.engineError || window.location.pathname.startsWith("/sign-in")) return;
  window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

/** Query cache + tRPC client for every page. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: signInAgain }),
        mutationCache: new MutationCache({ onError: signInAgain }),
        defaultOptions: { queries: { staleTime: 1000, retry: 1 } },
      }),
  );
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** A readable message from any tRPC or network error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
