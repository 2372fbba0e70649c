import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChannelsPage } from "./_components/channels-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("channels");
  return { title: t("metaTitle") };
}

export default function Channels() {
  return <ChannelsPage />;
}
