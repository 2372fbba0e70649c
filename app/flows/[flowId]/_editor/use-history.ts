import { useCallback, useReducer } from "react";

/** Edits of the same key (one settings field) this close together are one undo step. */
const COALESCE_MS = 1000;
const LIMIT = 200;

type State<T> = {
  past: T[];
  present: T;
  future: T[];
  last: { key: string; at: number } | null;
};

type Action<T> = { type: "set"; value: T | ((present: T) => T); key?: string; at: number } | { type: "undo" } | { type: "redo" };

function reducer<T>(s: State<T>, a: Action<T>): State<T> {
  switch (a.type) {
    case "set": {
      const value = typeof a.value === "function" ? (a.value as (present: T) => T)(s.present) : a.value;
      if (s.present === value) return s;
      const coalesce = a.key && s.last?.key === a.key && a.at - s.last.at < COALESCE_MS;
      return {
        past: coalesce ? s.past : [...s.past, s.present].slice(-LIMIT),
        present: value,
        future: [],
        last: a.key ? { key: a.key, at: a.at } : null,
      };
    }
    case "undo":
      if (!s.past.length) return s;
      return { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future], last: null };
    case "redo":
      if (!s.future.length) return s;
      return { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1), last: null };
  }
}

/**
 * Undo/redo over an immutable value (not a function). `set(v)` or `set(prev => v)` is one step;
 * `key` merges quick successive edits of one field into one step. (A drag is one `set`, on the drop:
 * the canvas keeps positions in flight itself.)
 */
export function useHistory<T>(initial: T) {
  const [state, dispatch] = useReducer(reducer<T>, { past: [], present: initial, future: [], last: null });
  const set = useCallback(
    (value: T | ((present: T) => T), options: { key?: string } = {}) => dispatch({ type: "set", value, key: options.key, at: Date.now() }),
    [],
  );
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  return { present: state.present, canUndo: state.past.length > 0, canRedo: state.future.length > 0, set, undo, redo };
}
