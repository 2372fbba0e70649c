/**
 * E-mail settings from the environment (server.ts), until the Channels page keeps them:
 * OMNIFLOW_EMAIL_FROM turns the channel on; OMNIFLOW_EMAIL_SMTP_URL (`smtp://user:password@host:587`,
 * `smtps://…:465`) is where mail goes out; OMNIFLOW_EMAIL_WEBHOOK_SECRET signs inbound mail;
 * OMNIFLOW_EMAIL_DOMAINS (comma-separated domains or addresses) is what we take mail for;
 * OMNIFLOW_SMTP_PORT starts the SMTP listener (on OMNIFLOW_SMTP_HOST, 127.0.0.1 by default).
 * The result is checked by the adapter's settings schema, which names a wrong field.
 */
export function emailSettingsFromEnv(env: Record<string, string | undefined>): Record<string, unknown> | undefined {
  if (!env.OMNIFLOW_EMAIL_FROM) return undefined;
  const smtp = new URL(env.OMNIFLOW_EMAIL_SMTP_URL ?? "smtp://localhost:25");
  const secure = smtp.protocol === "smtps:";
  const list = (value: string | undefined) =>
    value
      ?.split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  const settings = {
    fromAddress: env.OMNIFLOW_EMAIL_FROM,
    fromName: env.OMNIFLOW_EMAIL_FROM_NAME,
    recipients: list(env.OMNIFLOW_EMAIL_DOMAINS),
    smtpHost: smtp.hostname,
    smtpPort: Number(smtp.port) || (secure ? 465 : 587),
    smtpSecure: secure,
    smtpUser: smtp.username ? decodeURIComponent(smtp.username) : undefined,
    smtpPassword: smtp.password ? decodeURIComponent(smtp.password) : undefined,
    webhookSecret: env.OMNIFLOW_EMAIL_WEBHOOK_SECRET,
    listenPort: env.OMNIFLOW_SMTP_PORT ? Number(env.OMNIFLOW_SMTP_PORT) : undefined,
    listenHost: env.OMNIFLOW_SMTP_HOST,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}
