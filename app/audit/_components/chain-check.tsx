"use client";
import { useQueryClient } from "@tanstack/react-query";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import type { RouterOutputs } from "@/app/_ui/router-types";

type Verdict = RouterOutputs["audit"]["verify"];

/** "Verify chain": checks the whole trail on the server and says whether it holds, or the first row where it breaks. */
export function ChainCheck() {
  const t = useTranslations("audit.verify");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);

  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      setVerdict(await queryClient.fetchQuery({ ...trpc.audit.verify.queryOptions(), staleTime: 0 }));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };

  return (
    <div className="flex items-center gap-3">
      {verdict?.ok === true && (
        <span className="inline-flex items-center gap-1.5 text-sm text-emerald-700" role="status" data-testid="chain-ok">
          <ShieldCheck className="size-4" aria-hidden />
          {t("ok", { rows: verdict.rows })}
        </span>
      )}
      {verdict?.ok === false && (
        <span className="inline-flex items-center gap-1.5 text-sm font-medium text-rose-700" role="alert" data-testid="chain-broken">
          <ShieldAlert className="size-4" aria-hidden />
          {t("broken", { reason: verdict.reason, seq: verdict.firstBadSeq })}
        </span>
      )}
      <ErrorNotice error={error} />
      <Button onClick={() => void check()} disabled={checking} data-testid="verify-chain">
        {checking ? t("checking") : t("button")}
      </Button>
    </div>
  );
}
