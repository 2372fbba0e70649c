"use client";
import { useCallback, useEffect, useState } from "react";

const NAME_KEY = "omniflow.webchat.name";
const visitorKey = (flowId?: string) => `omniflow.webchat.visitor.${flowId ?? "any"}`;

/** getRandomValues works on plain http too, unlike crypto.randomUUID. */
function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `visitor-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The test visitor: an id kept per flow in localStorage (a reload continues the conversation)
 * and a display name. `visitorId` is null until mounted: the server has no localStorage.
 */
export function useWebchatVisitor(flowId?: string) {
  const [visitorId, setVisitorId] = useState<string | null>(null);
  const [name, setNameState] = useState("");

  useEffect(() => {
    const stored = localStorage.getItem(visitorKey(flowId));
    const id = stored ?? newVisitorId();
    if (!stored) localStorage.setItem(visitorKey(flowId), id);
    setVisitorId(id);
    setNameState(localStorage.getItem(NAME_KEY) ?? "");
  }, [flowId]);

  const setName = useCallback((value: string) => {
    setNameState(value);
    localStorage.setItem(NAME_KEY, value);
  }, []);

  const restart = useCallback(() => {
    const id = newVisitorId();
    localStorage.setItem(visitorKey(flowId), id);
    setVisitorId(id);
  }, [flowId]);

  return { visitorId, name, setName, restart };
}
