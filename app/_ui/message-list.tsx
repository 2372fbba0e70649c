"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { MessageBubble } from "./message-bubble";

/** `channel`: where it was written, when a timeline spans several channels. */
export type ChatMessage = { id: string; direction: string; author: string; text: string; createdAt: Date; channel?: string };

/**
 * A scrolling conversation that follows new messages. `ownDirection` is the viewer's side:
 * "in" for the visitor (their messages come in to us), "out" for the operator.
 */
export function MessageList({
  messages,
  ownDirection,
  labelFor,
  pendingText,
  pendingLabel,
  empty,
}: {
  messages: ChatMessage[];
  ownDirection: "in" | "out";
  labelFor: (message: ChatMessage) => string;
  /** A message being sent, shown faded until the server has it. */
  pendingText?: string;
  pendingLabel?: string;
  empty: ReactNode;
}) {
  const bottom = useRef<HTMLDivElement>(null);
  const count = messages.length + (pendingText ? 1 : 0);
  // Follows the conversation: scrolls to the end whenever a message (or the pending one) is added.
  useEffect(() => {
    if (count === 0) return; // the empty state has no end to scroll to
    bottom.current?.scrollIntoView({ block: "end" });
  }, [count]);

  if (count === 0) return <div className="flex flex-1 items-center justify-center p-6">{empty}</div>;
  return (
    <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4" data-testid="message-list">
      {messages.map((m) => (
        <MessageBubble
          key={m.id}
          side={m.direction === ownDirection ? "right" : "left"}
          author={m.author}
          label={labelFor(m)}
          text={m.text}
          createdAt={m.createdAt}
          testId="chat-message"
        />
      ))}
      {pendingText && (
        <MessageBubble
          side="right"
          author={ownDirection === "in" ? "customer" : "operator"}
          label={pendingLabel ?? ""}
          text={pendingText}
          pending
          testId="chat-message-pending"
        />
      )}
      <div ref={bottom} />
    </div>
  );
}
