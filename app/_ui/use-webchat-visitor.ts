"use client";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";

const NAME_KEY = "omniflow.webchat.name";
// Versioned: ids stored before visitors had tokens are not reused (the server would refuse them).
const visitorKey = (flowId?: string) => `omniflow.webchat.visitor.v2.${flowId ?? "any"}`;

/** A visitor as the server issued it: the id and the token that lets this browser post and read as them. */
export type WebchatVisitor = { visitorId: string; token: string };

function stored(flowId?: string): WebchatVisitor | null {
  try {
    const value = JSON.parse(localStorage.getItem(visitorKey(flowId)) ?? "null") as Partial<WebchatVisitor> | null;
    return typeof value?.visitorId === "string" && typeof value.token === "string" ? { visitorId: value.visitorId, token: value.token } : null;
  } catch {
    return null;
  }
}

/**
 * The test visitor: issued by the server (id + signed token), kept per flow in localStorage (a
 * reload continues the conversation), and a display name. `visitor` is null until mounted and
 * issued: the server has no localStorage.
 */
export function useWebchatVisitor(flowId?: string) {
  const trpc = useTRPC();
  const [visitor, setVisitor] = useState<WebchatVisitor | null>(null);
  const [name, setNameState] = useState("");
  const issue = useMutation(trpc.webchat.newVisitor.mutationOptions());
  const { mutate } = issue;

  const start = useCallback(() => {
    mutate(undefined, {
      onSuccess: (issued) => {
        localStorage.setItem(visitorKey(flowId), JSON.stringify(issued));
        setVisitor(issued);
      },
    });
  }, [flowId, mutate]);

  useEffect(() => {
    const known = stored(flowId);
    setVisitor(known);
    if (!known) start();
    setNameState(localStorage.getItem(NAME_KEY) ?? "");
  }, [flowId, start]);

  const setName = useCallback((value: string) => {
    setNameState(value);
    localStorage.setItem(NAME_KEY, value);
  }, []);

  return { visitor, name, setName, restart: start, error: issue.error };
}
