import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CredentialsPage } from "./_components/credentials-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("credentials");
  return { title: t("metaTitle") };
}

export default function Credentials() {
  return <CredentialsPage />;
}
