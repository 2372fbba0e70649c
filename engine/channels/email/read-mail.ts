/** What mime.ts reads of a mail: plain-mail.ts reads it on the spot, mime-worker.ts with mailparser on a worker. */

/** An address as the mail names it. */
export type MailAddress = { address: string; name: string };

/** What mime.ts reads of a mail, as the worker hands it back (plain data: it crosses threads). */
export type ReadMail = {
  /** The Content-Type header's value and parameters (`multipart/report`, `report-type`). */
  contentType: { value: string; params: Record<string, string> } | null;
  autoSubmitted: string;
  /** The addresses of the first From header, then of To and Cc. */
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The text part (mailparser turns an HTML-only mail into text). */
  text: string | null;
  /** The Date header in ms since the epoch (NaN when unreadable), null without one. */
  date: number | null;
  attachments: { filename: string | null; disposition: string | null }[];
  /** The headers part of a returned message (text/rfc822-headers, message/rfc822...) in a delivery report. */
  returnedHeaders: string | null;
};
