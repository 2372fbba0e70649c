import type { NodeSpec } from "./_kit/define-node";
import type { StructureKind } from "./_kit/structure";
import { caseNode } from "./crm/case/spec";
import { updateCustomerNode } from "./crm/update-customer/spec";
import { httpRequestNode } from "./data/http-request/spec";
import { setVariableNode } from "./data/set-variable/spec";
import { callSubflowNode } from "./flow/call-subflow/spec";
import { endNode } from "./flow/end/spec";
import { loopGuardNode } from "./flow/loop-guard/spec";
import { joinNode } from "./flow/join/spec";
import { parallelNode } from "./flow/parallel/spec";
import { abSplitNode } from "./logic/ab-split/spec";
import { businessHoursNode } from "./logic/business-hours/spec";
import { channelIsNode } from "./logic/channel-is/spec";
import { expressionNode } from "./logic/expression/spec";
import { intentNode } from "./logic/intent/spec";
import { sentimentNode } from "./logic/sentiment/spec";
import { textMatchNode } from "./logic/text-match/spec";
import { askNode } from "./message/ask/spec";
import { offerChannelSwitchNode } from "./message/offer-channel-switch/spec";
import { sendMessageNode } from "./message/send/spec";
import { waitReplyNode } from "./message/wait-reply/spec";
import { escalateNode } from "./routing/escalate/spec";
import { notifyNode } from "./routing/notify/spec";
import { operatorTaskNode } from "./routing/operator-task/spec";
import { delayNode } from "./timer/delay/spec";
import { crmEventNode } from "./trigger/crm-event/spec";
import { messageReceivedNode } from "./trigger/message-received/spec";
import { operatorStartedNode } from "./trigger/operator-started/spec";
import { scheduleNode } from "./trigger/schedule/spec";
import { subflowCalledNode } from "./trigger/subflow-called/spec";
import { webhookNode } from "./trigger/webhook/spec";

/**
 * Every node type, defined once. Palette, settings form, validation, compiler and runtime all
 * read this list; there is no other.
 */
export const nodeSpecs: readonly NodeSpec[] = [
  messageReceivedNode,
  crmEventNode,
  webhookNode,
  operatorStartedNode,
  scheduleNode,
  subflowCalledNode,
  textMatchNode,
  intentNode,
  sentimentNode,
  expressionNode,
  businessHoursNode,
  channelIsNode,
  abSplitNode,
  sendMessageNode,
  waitReplyNode,
  askNode,
  offerChannelSwitchNode,
  setVariableNode,
  httpRequestNode,
  updateCustomerNode,
  caseNode,
  operatorTaskNode,
  escalateNode,
  notifyNode,
  delayNode,
  loopGuardNode,
  parallelNode,
  joinNode,
  callSubflowNode,
  endNode,
];

const byType = new Map(nodeSpecs.map((spec) => [spec.type, spec]));

/** The spec for a stored node's type, or undefined for an unknown type. */
export function findNodeSpec(type: string): NodeSpec | undefined {
  return byType.get(type);
}

/** The node type that declares a structure (`parallel`, `join`, `end`), if any does. */
export function findStructureSpec(kind: StructureKind): NodeSpec | undefined {
  return nodeSpecs.find((spec) => spec.structure?.kind === kind);
}
