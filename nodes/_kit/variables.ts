import { z } from "zod";

/** A setting that names a flow variable (`{{vars.<name>}}`). */
export const variableNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/, "letters, digits and _; start with a letter");
