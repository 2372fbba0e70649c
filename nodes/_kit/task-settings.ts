import * as z from "zod";
import { TASK_PRIORITIES } from "../../engine/contracts/events";
import { KIT_MESSAGES } from "./messages";

/** Queue names, skills and case types: lower-case letters, digits and dashes. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** The same, or empty for "none". */
export const OPTIONAL_SLUG = /^([a-z0-9][a-z0-9-]*)?$/;
export const SLUG_MESSAGE = KIT_MESSAGES.en.slug;

type Meta = { label: string; help?: string };

/** The operator queue a task goes to, as operators see it. */
export const queueName = () => z.string().trim().min(1, KIT_MESSAGES.en["queue-empty"]).max(60).regex(SLUG, SLUG_MESSAGE);

export const prioritySetting = (
  fallback: (typeof TASK_PRIORITIES)[number],
  meta: Meta = { label: "Priority", help: "Operators see higher priorities first." },
) => z.enum(TASK_PRIORITIES).default(fallback).meta(meta);

/** Minutes until a task's SLA deadline; 0 = none. */
export const slaSetting = (fallback: number, meta: Meta) =>
  z
    .number()
    .int(KIT_MESSAGES.en["whole-minutes"])
    .min(0)
    .max(7 * 24 * 60, KIT_MESSAGES.en["at-most-week"])
    .default(fallback)
    .meta(meta);

/** Skill slugs, one per line: an operator needs all of them to see the task. */
export const skillsSetting = () =>
  z.array(z.string().trim().toLowerCase().min(1).max(40).regex(SLUG, KIT_MESSAGES.en["skill-slug"])).max(10).default([]).meta({
    label: "Required skills",
    widget: "lines",
    help: "One per line, e.g. complaints or ru. Only operators with every skill see the task; supervisors see all.",
  });
