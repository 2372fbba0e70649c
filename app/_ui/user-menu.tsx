"use client";
import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Role } from "@/engine/contracts/access";
import { Button } from "./button";

/** Who is signed in, in which role, and the way out. */
export function UserMenu({ name, role }: { name: string; role: Role }) {
  const t = useTranslations("header");
  const roles = useTranslations("roles");
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    window.location.assign("/sign-in");
  };
  return (
    <div className="flex shrink-0 items-center gap-3 text-sm whitespace-nowrap" data-testid="user-menu">
      {/* Name over role: the header has room for every section's link in Russian too. */}
      <span className="flex flex-col text-right leading-tight text-slate-700">
        <span className="font-medium" data-testid="user-name">
          {name}
        </span>
        <span className="text-xs text-slate-500" data-testid="user-role">
          {roles(role)}
        </span>
      </span>
      <Button size="sm" variant="ghost" onClick={() => void signOut()} disabled={leaving} data-testid="sign-out">
        <LogOut className="size-3.5" aria-hidden />
        {t("signOut")}
      </Button>
    </div>
  );
}
