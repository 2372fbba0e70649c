import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiKeysPage } from "./_components/api-keys-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiKeys");
  return { title: t("metaTitle") };
}

/** Settings → API keys: who may call `POST /api/events` and `POST /api/hooks/<name>`. */
export default function Page() {
  return <ApiKeysPage />;
}
