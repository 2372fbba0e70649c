"use client";
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "./badge";

const tones: Record<string, BadgeTone> = { waiting: "blue", completed: "green", stuck: "red", cancelled: "gray", stopped: "amber" };

/** An instance's lifecycle status (waiting for an event, completed, stuck with no way on, cancelled by its caller, or stopped at its limit). */
export function InstanceStatusBadge({ status }: { status: string }) {
  const t = useTranslations("common");
  return (
    <Badge tone={tones[status] ?? "gray"} data-testid="instance-status">
      {t("instanceStatus", { status })}
    </Badge>
  );
}
