import { useCallback, useEffect, useRef, useState } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { errorMessage, useTRPCClient } from "@/app/_lib/trpc";

const DEBOUNCE_MS = 600;

export type SaveState = { status: "saved" | "saving" | "error"; error?: string };

/**
 * Saves the draft 600 ms after the last change, one request at a time. `flush()` saves now
 * (before publish or export) and resolves to whether the current document is stored.
 */
export function useAutosave(flowId: string, doc: FlowDocument, onSaved: () => void) {
  const client = useTRPCClient();
  const [state, setState] = useState<SaveState>({ status: "saved" });
  const latest = useRef(doc);
  const saved = useRef(doc);
  const inflight = useRef<Promise<boolean> | null>(null);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);

  const flush = useCallback(async (): Promise<boolean> => {
    while (inflight.current) await inflight.current;
    const target = latest.current;
    if (target === saved.current) return true;
    setState({ status: "saving" });
    const attempt = client.flows.saveDraft.mutate({ flowId, document: target }).then(
      () => {
        saved.current = target;
        setState({ status: latest.current === target ? "saved" : "saving" });
        onSavedRef.current();
        return true;
      },
      (error: unknown) => {
        setState({ status: "error", error: errorMessage(error) });
        return false;
      },
    );
    inflight.current = attempt;
    const ok = await attempt;
    if (inflight.current === attempt) inflight.current = null;
    return ok;
  }, [client, flowId]);

  useEffect(() => {
    latest.current = doc;
    if (doc === saved.current) {
      if (!inflight.current) setState({ status: "saved" });
      return;
    }
    setState({ status: "saving" });
    const timer = setTimeout(() => void flush(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, flush]);

  // Leaving the editor inside the app: save what the debounce would have; leaving the site: warn.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      void flush();
    };
  }, [flush]);

  return { state, flush };
}
