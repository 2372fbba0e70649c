"use client";
import { useTranslations } from "next-intl";
import { useDateFormat } from "./time";

/** The viewer's own side is coloured; bot and operator keep their colour on either side. */
function tone(author: string, right: boolean): string {
  if (author === "operator") return "bg-emerald-50 text-slate-800 ring-1 ring-emerald-200";
  if (author === "customer") return right ? "bg-indigo-600 text-white" : "bg-white text-slate-800 ring-1 ring-slate-200";
  return "bg-slate-100 text-slate-800 ring-1 ring-slate-200";
}

/**
 * One line of a conversation. `side` is from the viewer's point of view: the visitor sees their
 * own messages on the right, the operator sees outgoing ones there.
 */
export function MessageBubble({
  side,
  author,
  label,
  text,
  createdAt,
  pending = false,
  testId,
}: {
  side: "left" | "right";
  author: string;
  label: string;
  text: string;
  createdAt?: Date;
  pending?: boolean;
  testId: string;
}) {
  const t = useTranslations("common");
  const { time } = useDateFormat();
  const right = side === "right";
  return (
    <div className={`flex flex-col ${right ? "items-end" : "items-start"} ${pending ? "opacity-60" : ""}`} data-testid={testId} data-author={author}>
      <div className="mb-1 flex items-baseline gap-2 px-1 text-xs text-slate-500">
        <span className="font-medium text-slate-600">{label}</span>
        {pending ? <span>{t("sending")}</span> : createdAt && <time dateTime={createdAt.toISOString()}>{time(createdAt)}</time>}
      </div>
      <div
        className={`max-w-[80%] rounded-2xl px-3.5 py-2 text-sm leading-relaxed whitespace-pre-wrap break-words ${right ? "rounded-tr-sm" : "rounded-tl-sm"} ${tone(author, right)}`}
      >
        {text}
      </div>
    </div>
  );
}
