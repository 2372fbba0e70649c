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
    <div className="flex items-center gap-3 text-sm" data-testid="user-menu">
      <span className="text-slate-700">
        <span className="font-medium" data-testid="user-name">
          {name}
        </span>
        <span className="text-slate-500" data-testid="user-role">
          {" · "}
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
