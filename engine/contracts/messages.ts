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
