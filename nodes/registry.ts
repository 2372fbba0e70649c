import type { NodeSpec } from "./_kit/define-node";
import { endNode } from "./flow/end/spec";
import { textMatchNode } from "./logic/text-match/spec";
import { sendMessageNode } from "./message/send/spec";
import { waitReplyNode } from "./message/wait-reply/spec";
import { operatorTaskNode } from "./routing/operator-task/spec";
import { messageReceivedNode } from "./trigger/message-received/spec";

/**
 * Every node type, defined once. Palette, settings form, validation, compiler and runtime all
 * read this list; there is no other.
 */
export const nodeSpecs: readonly NodeSpec[] = [
  messageReceivedNode,
  textMatchNode,
  sendMessageNode,
  waitReplyNode,
  operatorTaskNode,
  endNode,
] as unknown as readonly NodeSpec[];

const byType = new Map(nodeSpecs.map((spec) => [spec.type, spec]));

/** The spec for a stored node's type, or undefined for an unknown type. */
export function findNodeSpec(type: string): NodeSpec | undefined {
  return byType.get(type);
}
