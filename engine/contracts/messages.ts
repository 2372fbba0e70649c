/** How a message id of ours looks (store/ids.ts: time-ordered, lower-case hex and dashes), where one comes back from outside. */
export const MESSAGE_ID = /^[0-9a-z-]{1,64}$/;

/** A conversation's message as the store holds it (the widget's feed and the timeline read these columns). */
export type MessageRow = {
  id: string;
  /** in | out */
  direction: string;
  author: string;
  text: string;
  /** JSON array of quick-reply labels (outbound only). */
  buttons: string | null;
  status: string;
  /** The provider's id; for a web chat visitor's own message, the id the widget gave it. */
  providerId: string | null;
  createdAt: string;
};
