import type { RouterOutputs } from "@/app/_ui/router-types";

export type Task = RouterOutputs["tasks"]["get"];
