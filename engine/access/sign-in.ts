import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_IP_HEADER, isRole, type Role } from "../contracts/access";
import type { SignInStore } from "../store/sign-in";
import { createFailedSignIns } from "./failed-sign-ins";

/** The signed-in person as every procedure and page sees them. */
export type SignedIn = { id: string; name: string; email: string; role: Role; language: "en" | "ru" | null; sessionId: string };

export type SignInEvent = { email: string; operatorId: string | null; ok: boolean; ip: string | null };

export type SignInOptions = {
  store: SignInStore;
  /** The engine's secret key: better-auth's signing secret is derived from it, never stored. */
  secretKey: Buffer;
  /** Host names (with or without port) the app answers on; better-auth builds its URLs only for these. */
  allowedHosts: string[];
  /**
   * Failed sign-ins a minute for one account from one client address (default 10); all sign-in
   * attempts from one address, successes included, are capped at six times that.
   */
  attemptsPerMinute?: number;
  /** Sessions last this long without use (default 12 h; each use within it extends it, at most hourly). */
  sessionSeconds?: number;
  onSignIn?: (event: SignInEvent) => void;
};

/**
 * Staff sign-in with better-auth: e-mail + password (scrypt-hashed), database sessions in an
 * httpOnly cookie, sign-up closed (an admin or the seed creates people), attempts rate-limited.
 */
export function createSignIn(options: SignInOptions) {
  // better-auth loads on the first sign-in request (~0.4 s of imports): a restart answers webhooks without waiting for it.
  let loading: ReturnType<typeof load> | undefined;
  const ready = () => (loading ??= load(options));
  const nodeHeaders = (headers: IncomingMessage["headers"]) => {
    const out = new Headers();
    for (const [name, value] of Object.entries(headers)) for (const v of [value ?? []].flat()) out.append(name, v);
    return out;
  };

  return {
    /** Answers `/api/auth/*` (sign-in, sign-out, session). */
    handle: async (req: IncomingMessage, res: ServerResponse) => (await ready()).handler(req, res),

    /** Who sent this request (null: nobody signed in, the session expired, or the person's role is unknown). */
    async session(headers: Headers | IncomingMessage["headers"]): Promise<SignedIn | null> {
      const { auth } = await ready();
      const found = await auth.api.getSession({ headers: headers instanceof Headers ? headers : nodeHeaders(headers) });
      if (!found) return null;
      const { user, session } = found;
      const role = (user as { role?: unknown }).role;
      if (!isRole(role)) return null;
      const language = (user as { language?: unknown }).language;
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        role,
        language: language === "en" || language === "ru" ? language : null,
        sessionId: session.id,
      };
    },

    /** Sets (or replaces) a staff member's password. */
    async setPassword(operatorId: string, password: string): Promise<void> {
      const { hashPassword } = await import("better-auth/crypto");
      await options.store.setPasswordHash(operatorId, await hashPassword(password));
    },
    hasPassword: (operatorId: string) => options.store.hasPassword(operatorId),
    setLanguage: (operatorId: string, language: "en" | "ru" | null) => options.store.setLanguage(operatorId, language),
  };
}

async function load(options: SignInOptions) {
  const attempts = options.attemptsPerMinute ?? 10;
  const failures = createFailedSignIns({ max: attempts, windowMs: 60_000 });
  /** Who a sign-in request is for, and from where. */
  const attempt = (ctx: { body?: { email?: unknown }; request?: Request }) => ({
    email: typeof ctx.body?.email === "string" ? ctx.body.email.slice(0, 254) : "",
    ip: ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null,
  });
  const [{ betterAuth }, { APIError, createAuthMiddleware }, { toNodeHandler }, database] = await Promise.all([
    import("better-auth"),
    import("better-auth/api"),
    import("better-auth/node"),
    options.store.database(),
  ]);
  const auth = betterAuth({
    appName: "Omniflow",
    basePath: "/api/auth",
    baseURL: { allowedHosts: options.allowedHosts, protocol: "auto" },
    secret: createHmac("sha256", options.secretKey).update("omniflow/sign-in").digest("base64"),
    database,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      modelName: "operator",
      additionalFields: {
        role: { type: "string", input: false },
        language: { type: "string", required: false, input: false },
      },
    },
    session: { expiresIn: options.sessionSeconds ?? 12 * 3600, updateAge: 3600 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 200,
      customRules: { "/sign-in/email": { window: 60, max: attempts * 6 } },
    },
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    telemetry: { enabled: false },
    // A wrong password is an ordinary answer (and audited), not a warning for the server log.
    logger: { level: "error" },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const { email, ip } = attempt(ctx);
        const wait = failures.retryAfter(email, ip);
        if (!wait) return;
        const message = `Too many failed sign-ins for this account from here: try again in ${wait} s.`;
        throw new APIError("TOO_MANY_REQUESTS", { code: "TOO_MANY_FAILED_SIGN_INS", message }, { "Retry-After": String(wait) });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const session = ctx.context.newSession;
        const { email, ip } = attempt(ctx);
        if (session) failures.succeeded(email, ip);
        else failures.failed(email, ip);
        options.onSignIn?.({ email, operatorId: session?.user.id ?? null, ok: Boolean(session), ip });
      }),
    },
  });
  return { auth, handler: toNodeHandler(auth) };
}

export type SignIn = ReturnType<typeof createSignIn>;
