import RE2 from "re2";
import type { PatternEngine } from "../../nodes/_kit/pattern";

/** Patterns from flows compile on RE2 (native, linear time); nodes/_kit/pattern.ts is the only caller. */
export const re2Patterns: PatternEngine = (source, flags) => new RE2(source, flags);
