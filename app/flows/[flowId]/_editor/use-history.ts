import { useCallback, useReducer } from "react";

/** Edits of the same key (one settings field) this close together are one undo step. */
const COALESCE_MS = 1000;
const LIMIT = 200;

type State<T> = {
  past: T[];
  present: T;
  future: T[];
  /** The value before a run of transient edits (a drag), committed as one step at its end. */
  base: T | null;
  last: { key: string; at: number } | null;
};

type Action<T> = { type: "set"; value: T | ((present: T) => T); transient: boolean; key?: string; at: number } | { type: "undo" } | { type: "redo" };

function reducer<T>(s: State<T>, a: Action<T>): State<T> {
  switch (a.type) {
    case "set": {
      const value = typeof a.value === "function" ? (a.value as (present: T) => T)(s.present) : a.value;
      if (a.transient) return { ...s, base: s.base ?? s.present, present: value };
      const before = s.base ?? s.present;
      if (before === value) return { ...s, base: null, present: value };
      const coalesce = !s.base && a.key && s.last?.key === a.key && a.at - s.last.at < COALESCE_MS;
      return {
        past: coalesce ? s.past : [...s.past, before].slice(-LIMIT),
        present: value,
        future: [],
        base: null,
        last: a.key ? { key: a.key, at: a.at } : null,
      };
    }
    case "undo":
      if (!s.past.length || s.base) return s;
      return { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future], base: null, last: null };
    case "redo":
      if (!s.future.length || s.base) return s;
      return { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1), base: null, last: null };
  }
}

/**
 * Undo/redo over an immutable value (not a function). `set(v)` or `set(prev => v)` is one step;
 * with `transient: true` it updates without a step until the next plain `set` (a drag is one
 * step); `key` merges quick successive edits of one field into one step.
 */
export function useHistory<T>(initial: T) {
  const [state, dispatch] = useReducer(reducer<T>, { past: [], present: initial, future: [], base: null, last: null });
  const set = useCallback(
    (value: T | ((present: T) => T), options: { transient?: boolean; key?: string } = {}) =>
      dispatch({ type: "set", value, transient: !!options.transient, key: options.key, at: Date.now() }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  return { present: state.present, canUndo: state.past.length > 0, canRedo: state.future.length > 0, set, undo, redo };
}
