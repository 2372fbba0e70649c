/**
 * The second server the e-mail spec talks to: the same build with the e-mail channel live, its SMTP
 * listener on, and outbound mail going to a fake SMTP server the spec starts. The other specs keep
 * the demo's sandboxed e-mail, so it runs beside the main server, on the next ports up.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);

export const MAIL_SERVER = {
  /** The web app (pages, tRPC) of the e-mail server. */
  port: E2E_PORT + 1,
  /** Its SMTP listener: where customers' mail arrives. */
  smtpPort: E2E_PORT + 2,
  /** The spec's fake SMTP relay: where the server's own mail goes out. */
  relayPort: E2E_PORT + 3,
  /** Our support address, and the domain mail is taken for. */
  support: "help@shop.e2e.test",
  domain: "shop.e2e.test",
};

/** The e-mail server's environment, beside the demo's (playwright.config.ts). */
export const mailServerEnv = (): Record<string, string> => ({
  OMNIFLOW_EMAIL_FROM: MAIL_SERVER.support,
  OMNIFLOW_EMAIL_FROM_NAME: "Shop support",
  OMNIFLOW_EMAIL_DOMAINS: MAIL_SERVER.domain,
  OMNIFLOW_EMAIL_SMTP_URL: `smtp://127.0.0.1:${MAIL_SERVER.relayPort}`,
  OMNIFLOW_EMAIL_WEBHOOK_SECRET: "e2e-email-webhook-secret-0123456789",
  OMNIFLOW_SMTP_PORT: String(MAIL_SERVER.smtpPort),
  // The relay is on loopback, which the outbound guard refuses unless allowed by name.
  OMNIFLOW_OUTBOUND_ALLOW: `127.0.0.1:${MAIL_SERVER.relayPort}`,
});
