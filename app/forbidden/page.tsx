import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/app/_server/current-user";
import { EmptyState } from "@/app/_ui/empty-state";
import { HOME } from "@/engine/contracts/access";
import { ShieldOff } from "lucide-react";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("forbidden");
  return { title: t("metaTitle") };
}

/** Where server.ts sends someone whose role may not open the page they asked for. */
export default async function ForbiddenPage() {
  const [t, roles, user] = await Promise.all([getTranslations("forbidden"), getTranslations("roles"), currentUser()]);
  return (
    <div className="flex h-full items-center justify-center p-6" data-testid="forbidden">
      <EmptyState
        icon={ShieldOff}
        title={t("title")}
        action={
          <Link href={user ? HOME[user.role] : "/sign-in"} className="font-medium text-indigo-700 hover:text-indigo-500" data-testid="forbidden-home">
            {t("home")}
          </Link>
        }
      >
        {user && t("body", { role: roles(user.role) })}
      </EmptyState>
    </div>
  );
}
