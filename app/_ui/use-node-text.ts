"use client";
import { useLocale } from "next-intl";
import { createContext, useContext } from "react";
import type { Locale } from "@/nodes/_kit/define-node";
import type { NodeSpec } from "@/nodes/_kit/define-node";
import { categoryLabel, nodeText, type NodeText } from "@/nodes/_kit/texts";
import type { NodeCategory } from "@/nodes/_kit/define-node";
import { channelName, channelTitle } from "@/engine/contracts/format";

/** The reader's language, as node texts know it. */
export const useNodeLocale = (): Locale => (useLocale() === "ru" ? "ru" : "en");

/** A node type's texts (title, description, settings labels, ports) in the reader's language. */
export function useNodeTexts(): (spec: NodeSpec) => NodeText {
  const locale = useNodeLocale();
  return (spec) => nodeText(spec, locale);
}

/** A palette group's name in the reader's language. */
export function useCategoryLabel(): (category: NodeCategory) => string {
  const locale = useNodeLocale();
  return (category) => categoryLabel(category, locale);
}

/** The texts of the node whose settings a form edits (null: a form of no node type, English from the schema). */
export const NodeTextContext = createContext<NodeText | null>(null);
export const useFormTexts = () => useContext(NodeTextContext);

/** A channel's name for a person in the reader's language, as prose says it («веб-чат», "Web chat"). */
export function useChannelName(): (channel: string) => string {
  const locale = useNodeLocale();
  return (channel) => channelName(channel, locale);
}

/** A channel's name as a heading or tab shows it, in the reader's language («Web chat», «SMS»). */
export function useChannelTitle(): (channel: string) => string {
  const locale = useNodeLocale();
  return (channel) => channelTitle(channel, locale);
}
