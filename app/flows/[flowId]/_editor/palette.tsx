"use client";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type DragEvent } from "react";
import { NODE_CATEGORIES, type NodeSpec } from "@/nodes/_kit/define-node";
import { nodeSpecs } from "@/nodes/registry";
import { categoryStyle, NODE_DRAG_TYPE, NodeIcon } from "@/app/_ui/flow-canvas";
import { useCategoryLabel, useNodeTexts } from "@/app/_ui/use-node-text";
import type { NodeText } from "@/nodes/_kit/texts";

/** Found by its texts in the reader's language and in English (people search in both), and by its type id. */
const matches = (spec: NodeSpec, text: NodeText, query: string) =>
  [text.title, text.description, ...text.keywords, spec.title, spec.description, spec.type, ...(spec.keywords ?? [])].some((word) =>
    word.toLowerCase().includes(query),
  );

const searchClass = [
  "block h-8 w-full rounded-md border border-slate-300 bg-white pr-2 pl-8 text-sm placeholder:text-slate-400",
  "focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none",
].join(" ");

/** Node types by category. Drag one onto the canvas, or click it to drop it in the middle of the view. */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const t = useTranslations("editor.palette");
  const [query, setQuery] = useState("");
  const textOf = useNodeTexts();
  const categoryLabel = useCategoryLabel();
  const q = query.trim().toLowerCase();
  const groups = NODE_CATEGORIES.map((category) => ({
    ...category,
    label: categoryLabel(category.id),
    specs: nodeSpecs.filter((s) => s.category === category.id && (!q || matches(s, textOf(s), q))),
  })).filter((g) => g.specs.length > 0);

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = "move";
  };

  return (
    <aside className="flex w-64 shrink-0 flex-col border-r border-slate-200 bg-white" data-testid="palette">
      <div className="border-b border-slate-100 p-3">
        <label className="relative block">
          <span className="sr-only">{t("search")}</span>
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("searchPlaceholder")}
            className={searchClass}
            data-testid="palette-search"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">
        {groups.map((group) => (
          <section key={group.id} data-testid={`palette-group-${group.id}`}>
            <h3 className="mb-1.5 px-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{group.label}</h3>
            <ul className="space-y-1">
              {group.specs.map((spec) => (
                <li key={spec.type}>
                  <button
                    type="button"
                    draggable
                    onDragStart={(e) => onDragStart(e, spec.type)}
                    onClick={() => onAdd(spec.type)}
                    title={t("itemHint", { description: textOf(spec).description })}
                    className="flex w-full cursor-grab items-start gap-2.5 rounded-md border border-transparent px-2 py-1.5 text-left hover:border-slate-200 hover:bg-slate-50 active:cursor-grabbing"
                    data-testid={`palette-item-${spec.type}`}
                  >
                    <span className={`mt-0.5 flex size-6 shrink-0 items-center justify-center rounded ${categoryStyle[spec.category].chip}`}>
                      <NodeIcon name={spec.icon} className="size-3.5" />
                    </span>
                    <span className="min-w-0">
                      <span className="block text-sm font-medium text-slate-800">{textOf(spec).title}</span>
                      <span className="line-clamp-2 block text-xs leading-4 text-slate-500">{textOf(spec).description}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <p className="px-1 py-6 text-center text-sm text-slate-500">{t("noMatch", { query })}</p>}
      </div>
      <p className="border-t border-slate-100 px-4 py-2.5 text-[11px] leading-4 text-slate-400">{t("footer")}</p>
    </aside>
  );
}
