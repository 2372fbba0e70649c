"use client";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";
import type { RouterOutputs } from "@/app/_ui/router-types";

type Flow = RouterOutputs["flows"]["list"][number];

/** Draft (never published), Published (draft = latest version), or Changed (edits not yet published). */
export function FlowStateBadge({ flow }: { flow: Flow }) {
  const t = useTranslations("flows.state");
  const testId = `flow-state-${flow.id}`;
  if (flow.state === "draft")
    return (
      <Badge tone="gray" data-testid={testId}>
        {t("draft")}
      </Badge>
    );
  if (flow.state === "published")
    return (
      <Badge tone="green" data-testid={testId}>
        {t("published")}
      </Badge>
    );
  return (
    <Badge tone="amber" data-testid={testId}>
      {t("changed")}
    </Badge>
  );
}

/** Whether a published flow starts instances (Active) or was deactivated. */
export function FlowActiveBadge({ flow }: { flow: Pick<Flow, "id" | "active"> }) {
  const t = useTranslations("flows.state");
  return (
    <Badge tone={flow.active ? "blue" : "gray"} data-testid={`flow-active-${flow.id}`}>
      {flow.active ? t("active") : t("inactive")}
    </Badge>
  );
}
