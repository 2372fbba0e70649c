"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/app/_ui/badge";
import { Button } from "@/app/_ui/button";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Age } from "@/app/_ui/time";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

/** Every key: what it may call, when it was last used; revoking asks once more. */
export function ApiKeysTable({ keys, onRevoke, revoking }: { keys: ApiKey[]; onRevoke: (keyId: string) => void; revoking: string | null }) {
  const t = useTranslations("apiKeys");
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <table className="w-full text-left text-sm" data-testid="api-keys-table">
      <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
        <tr>
          <th className="px-4 py-2 font-medium">{t("columns.name")}</th>
          <th className="px-4 py-2 font-medium">{t("columns.key")}</th>
          <th className="px-4 py-2 font-medium">{t("columns.scopes")}</th>
          <th className="px-4 py-2 font-medium">{t("columns.created")}</th>
          <th className="px-4 py-2 font-medium">{t("columns.lastUsed")}</th>
          <th className="px-4 py-2" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {keys.map((key) => (
          <tr key={key.id} data-testid={`api-key-row-${key.id}`}>
            {/* A long unbroken name wraps inside its cell: it never pushes Revoke out of the card. */}
            <td className="max-w-64 px-4 py-2.5 font-medium wrap-anywhere text-slate-900">{key.name}</td>
            <td className="px-4 py-2.5 font-mono text-xs text-slate-500">{key.prefix}…</td>
            <td className="px-4 py-2.5">
              <div className="flex flex-wrap gap-1">
                {key.scopes.map((scope) => (
                  <Badge key={scope} tone="indigo">
                    {scope}
                  </Badge>
                ))}
              </div>
            </td>
            <td className="px-4 py-2.5 text-slate-500">
              <Age date={key.createdAt} ago />
            </td>
            <td className="px-4 py-2.5 text-slate-500">{key.lastUsedAt ? <Age date={key.lastUsedAt} ago /> : t("neverUsed")}</td>
            <td className="px-4 py-2.5 text-right">
              {key.revokedAt ? (
                <Badge tone="red">{t("revoked")}</Badge>
              ) : confirming === key.id ? (
                <Button size="sm" variant="danger" disabled={revoking === key.id} onClick={() => onRevoke(key.id)} data-testid="api-key-revoke-confirm">
                  {t("revokeConfirm")}
                </Button>
              ) : (
                <Button size="sm" onClick={() => setConfirming(key.id)} data-testid="api-key-revoke">
                  {t("revoke")}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
