import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SandboxPage } from "./_components/sandbox-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("metaTitle") };
}

export default function Sandbox() {
  return <SandboxPage />;
}
