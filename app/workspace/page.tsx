import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/app/_ui/loading";
import { Workspace } from "./_components/workspace";

export const metadata: Metadata = { title: "Operator workspace · Omniflow" };

/** The selection lives in the URL (?task=…), which needs a Suspense boundary for prerendering. */
export default function WorkspacePage() {
  return (
    <Suspense fallback={<Loading />}>
      <Workspace />
    </Suspense>
  );
}
