"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { TextField } from "@/app/_ui/text-field";
import { isRole } from "@/engine/contracts/access";

/** Only a path on this site: `//evil.example` or `https://…` would send the person away after signing in. */
const localPath = (next: string | null) => (next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/");

export function SignInForm() {
  const t = useTranslations("signIn");
  const roles = useTranslations("roles");
  const trpc = useTRPC();
  const demo = useQuery(trpc.me.get.queryOptions()).data?.demo ?? null;
  const next = localPath(useSearchParams().get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: email.trim(), password }),
      });
      if (response.ok) return window.location.assign(next);
      setError(response.status === 429 ? t("tooMany") : response.status === 401 ? t("wrong") : t("failed", { message: `HTTP ${response.status}` }));
    } catch (e) {
      setError(t("failed", { message: (e as Error).message }));
    }
    setPending(false);
  };

  return (
    <div className="space-y-6">
      <Card title={t("title")} testId="sign-in">
        <form className="space-y-4" onSubmit={(e) => void submit(e)}>
          <TextField label={t("email")} id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField
            label={t("password")}
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error && (
            <p role="alert" className="text-sm text-rose-700" data-testid="sign-in-error">
              {error}
            </p>
          )}
          <Button type="submit" variant="primary" disabled={pending} className="w-full" data-testid="sign-in-submit">
            {pending ? t("submitting") : t("submit")}
          </Button>
        </form>
      </Card>
      {demo && (
        <Card title={t("demoTitle")} testId="demo-accounts">
          <p className="mb-3 text-xs text-slate-500">{t("demoHint", { password: demo.password })}</p>
          <ul className="divide-y divide-slate-100">
            {demo.staff.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  className="flex w-full items-center justify-between px-1 py-2 text-left text-sm hover:bg-slate-50"
                  aria-label={t("demoUse", { name: account.name })}
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(demo.password);
                  }}
                  data-testid={`demo-account-${account.email}`}
                >
                  <span>
                    <span className="font-medium text-slate-900">{account.name}</span> <span className="text-slate-500">{account.email}</span>
                  </span>
                  <span className="text-xs text-slate-500">{isRole(account.role) ? roles(account.role) : account.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
