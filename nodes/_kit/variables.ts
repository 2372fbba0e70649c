import * as z from "zod";
import { KIT_MESSAGES } from "./messages";

/** A setting that names a flow variable (`{{vars.<name>}}`). */
export const variableNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/, KIT_MESSAGES.en["variable-name"]);
