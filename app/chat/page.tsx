import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WebchatPanel } from "@/app/_ui/webchat-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("chat");
  return { title: t("metaTitle") };
}

/** A visitor's view of the web chat, answered by whichever published flow listens on it. */
export default function ChatPage() {
  return (
    <div className="mx-auto flex h-full max-w-2xl flex-col px-4 py-6">
      <div className="min-h-0 flex-1 overflow-hidden rounded-xl border border-slate-200 shadow-sm">
        <WebchatPanel />
      </div>
    </div>
  );
}
