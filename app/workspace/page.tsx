import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Loading } from "@/app/_ui/loading";
import { Workspace } from "./_components/workspace";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workspace");
  return { title: t("metaTitle") };
}

/** The selection lives in the URL (?task=…), which needs a Suspense boundary for prerendering. */
export default function WorkspacePage() {
  return (
    <Suspense fallback={<Loading />}>
      <Workspace />
    </Suspense>
  );
}
