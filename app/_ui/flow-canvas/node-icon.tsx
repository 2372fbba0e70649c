"use client";
import { DynamicIcon, iconNames, type IconName } from "lucide-react/dynamic";

const known = new Set<string>(iconNames);

/** Whether lucide has the icon a spec names (else a box is drawn). */
export const isKnownIcon = (name: string) => known.has(kebab(name));

/** "CircleStop" -> "circle-stop", "Tally1" -> "tally-1": lucide's file names. */
const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([a-zA-Z])(\d)/g, "$1-$2")
    .toLowerCase();

/**
 * A lucide icon by its PascalCase name (what node specs store). Icons load on demand so the
 * editor does not ship all of lucide; a same-sized placeholder keeps the layout still meanwhile.
 */
export function NodeIcon({ name, className = "size-4" }: { name: string; className?: string }) {
  const file = kebab(name);
  const placeholder = () => <span className={`inline-block ${className}`} aria-hidden />;
  if (!known.has(file)) return <DynamicIcon name="box" className={className} fallback={placeholder} aria-hidden />;
  return <DynamicIcon name={file as IconName} className={className} fallback={placeholder} aria-hidden />;
}
