/**
 * Omniflow's chat widget. Embed on any site with one line:
 *   <script src="https://omniflow.example/widget.js" data-flow="<flow id, optional>" async></script>
 * It speaks English or Russian: `data-lang="ru"`, else the page's `<html lang>`, else the browser's language.
 * Vanilla JS in a shadow root (the page's styles and ours do not mix). It talks to the server the
 * script came from: a visitor token kept in localStorage, messages posted with an id of our own (a
 * retry is deduplicated by the server), and a live feed read with fetch() so the token goes in a
 * header, resumed from the last event id after any disconnect. Text is only ever set as text.
 */
(() => {
  const script = document.currentScript || [...document.querySelectorAll("script[src]")].find((s) => /\/widget\.js(\?|$)/.test(s.src));
  if (!script || window.__omniflowWidget) return;
  window.__omniflowWidget = true;
  const server = new URL(script.src, location.href).origin;
  const flowId = script.dataset.flow || undefined;
  const api = (route) => `${server}/api/channels/webchat/${route}`;
  const STORE_KEY = `omniflow-widget:${server}`;
  const OPEN_KEY = `${STORE_KEY}:open`;
  // When the newest message the visitor had in front of them was written (the server's clock): later replies are unread.
  const SEEN_KEY = `${STORE_KEY}:seen`;
  const TEXTS = {
    en: {
      title: "Chat with us",
      open: "Open chat",
      close: "Close chat",
      placeholder: "Type your message…",
      send: "Send",
      typing: "Typing…",
      contact: "Leave your e-mail or phone",
      contactPlaceholder: "E-mail or phone",
      save: "Save",
      thanks: "Thanks! We will be in touch.",
      badContact: { email: "not an e-mail address", phone: "not a phone number (digits, spaces, + ( ) - .)" },
      notSent: "Not sent.",
      retry: "Retry",
      reconnecting: "Reconnecting…",
      quickReplies: "Suggested replies",
      who: { customer: "You", bot: "Assistant", operator: "Operator" },
    },
    ru: {
      title: "Напишите нам",
      open: "Открыть чат",
      close: "Закрыть чат",
      placeholder: "Введите сообщение…",
      send: "Отправить",
      typing: "Печатает…",
      contact: "Оставьте e-mail или телефон",
      contactPlaceholder: "E-mail или телефон",
      save: "Сохранить",
      thanks: "Спасибо! Мы свяжемся с вами.",
      badContact: { email: "это не адрес e-mail", phone: "это не номер телефона (цифры, пробелы, + ( ) - .)" },
      notSent: "Не отправлено.",
      retry: "Повторить",
      reconnecting: "Восстанавливаем связь…",
      quickReplies: "Варианты ответа",
      who: { customer: "Вы", bot: "Ассистент", operator: "Оператор" },
    },
  };
  // The widget speaks the site's language: data-lang on the script tag, else the page's <html lang>, else the browser's.
  const wanted = (script.dataset.lang || document.documentElement.lang || navigator.language || "").toLowerCase().split("-")[0];
  const lang = Object.hasOwn(TEXTS, wanted) ? wanted : "en";
  const T = TEXTS[lang];

  // 1. Storage and small helpers
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const store = {
    get(key, area = localStorage) {
      try {
        return JSON.parse(area.getItem(key) || "null");
      } catch {
        return null;
      }
    },
    set(key, value, area = localStorage) {
      try {
        if (value === null) area.removeItem(key);
        else area.setItem(key, JSON.stringify(value));
      } catch {
        // Storage off (private mode): the chat still works for this page view.
      }
    },
  };
  const newId = () =>
    crypto.randomUUID ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  };
  /** Seconds from Retry-After, as milliseconds (or the fallback). */
  const retryAfter = (res, fallback) => (Number(res.headers.get("retry-after")) || fallback / 1000) * 1000;

  // 2. The visitor: one token per browser and Omniflow server
  let visitor = store.get(STORE_KEY);
  let visitorPromise = null;
  function ensureVisitor() {
    if (visitor) return Promise.resolve(visitor);
    visitorPromise ??= (async () => {
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(api("visitors"), { method: "POST" });
        if (res.ok) {
          visitor = await res.json();
          store.set(STORE_KEY, visitor);
          return visitor;
        }
        if (attempt >= 4) throw new Error(`visitor: HTTP ${res.status}`);
        await sleep(retryAfter(res, 2000 * (attempt + 1)));
      }
    })().finally(() => {
      visitorPromise = null;
    });
    return visitorPromise;
  }
  /** The server no longer knows the token (its key changed): start over as a new visitor. */
  function forgetVisitor() {
    visitor = null;
    cursor = null;
    store.set(STORE_KEY, null);
    store.set(SEEN_KEY, null);
    seenUpTo = null;
    newest = null;
    for (const node of list.querySelectorAll("[data-id]")) node.remove();
    shown.clear();
  }

  // 3. The DOM, in a shadow root
  const host = el("div", { id: "omniflow-widget", lang });
  const root = host.attachShadow({ mode: "open" });
  const css = `
    :host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
      font: 14px/1.4 system-ui, -apple-system, sans-serif; color: #0f172a; }
    * { box-sizing: border-box; font: inherit; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    button { cursor: pointer; }
    :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
    .bubble { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #0369a1; color: #fff; box-shadow: 0 4px 14px rgb(0 0 0 / .25);
      display: grid; place-items: center; position: relative; }
    .bubble svg { width: 26px; height: 26px; }
    .badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px; border-radius: 10px; background: #dc2626;
      color: #fff; font-size: 12px; line-height: 20px; }
    .panel { position: absolute; right: 0; bottom: 70px; width: 360px; height: min(560px, calc(100vh - 110px)); display: flex; flex-direction: column;
      background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgb(0 0 0 / .25); overflow: hidden; }
    .panel[hidden], [hidden] { display: none !important; }
    header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: #0369a1; color: #fff; }
    header h2 { flex: 1; margin: 0; font-size: 15px; font-weight: 600; }
    header button { border: 0; background: transparent; color: #fff; font-size: 20px; line-height: 1; padding: 4px 8px; border-radius: 6px; }
    .status { padding: 4px 14px; font-size: 12px; background: #fef3c7; color: #92400e; }
    .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f8fafc; }
    .msg { max-width: 85%; padding: 8px 11px; border-radius: 12px; background: #fff; border: 1px solid #e2e8f0;
      white-space: pre-wrap; overflow-wrap: anywhere; }
    .msg[data-author="customer"] { align-self: flex-end; background: #0369a1; border-color: #0369a1; color: #fff; }
    .msg[data-state="sending"] { opacity: .65; }
    .msg[data-state="failed"] { background: #fee2e2; border-color: #fca5a5; color: #7f1d1d; }
    .msg .who { display: block; font-size: 11px; opacity: .75; }
    .msg button { margin-left: 6px; border: 0; background: none; color: inherit; text-decoration: underline; padding: 0; }
    .typing { margin: 0 12px 6px; width: fit-content; padding: 8px 12px; border-radius: 12px; background: #e2e8f0; }
    .typing i { display: inline-block; width: 6px; height: 6px; margin: 0 2px; border-radius: 50%; background: #64748b; animation: blink 1.2s infinite; }
    .typing i:nth-child(2) { animation-delay: .2s; } .typing i:nth-child(3) { animation-delay: .4s; }
    @keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
    @media (prefers-reduced-motion: reduce) { .typing i { animation: none; } }
    .replies { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px 0; }
    .replies button { border: 1px solid #7dd3fc; background: #f0f9ff; color: #075985; border-radius: 999px; padding: 5px 12px; }
    form { display: flex; gap: 6px; padding: 10px 12px; border-top: 1px solid #e2e8f0; }
    input { flex: 1; min-width: 0; padding: 8px 10px; border: 1px solid #cbd5e1; border-radius: 8px; color: #0f172a; background: #fff; }
    form button, .contact-toggle { border: 0; border-radius: 8px; padding: 8px 12px; background: #0369a1; color: #fff; }
    .contact { border-top: 1px solid #e2e8f0; padding: 6px 12px 10px; }
    .contact-toggle { background: none; color: #0369a1; padding: 2px 0; text-decoration: underline; }
    .contact form { border: 0; padding: 6px 0 0; }
    .contact p { margin: 4px 0 0; font-size: 12px; color: #475569; }
    @media (max-width: 480px) {
      :host { right: 12px; bottom: 12px; }
      .panel { position: fixed; inset: 0; width: 100%; height: 100%; border-radius: 0; }
      .panel:not([hidden]) ~ .bubble { display: none; }
    }`;
  if (root.adoptedStyleSheets && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    // A constructed sheet is not inline markup, so a host page's CSP without 'unsafe-inline' styles does not block it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else root.append(el("style", { text: css }));

  const icon = new DOMParser().parseFromString(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">' +
      '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>',
    "image/svg+xml",
  ).documentElement;
  const badge = el("span", { class: "badge", hidden: "", "data-testid": "widget-badge" });
  const bubble = el(
    "button",
    { class: "bubble", type: "button", "aria-label": T.open, "aria-expanded": "false", "aria-controls": "panel", "data-testid": "widget-bubble" },
    icon,
    badge,
  );
  const status = el("div", { class: "status", role: "status", hidden: "", "data-testid": "widget-status" });
  const list = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": T.title, tabindex: "0", "data-testid": "widget-messages" });
  const typing = el(
    "div",
    { class: "typing", hidden: "", "data-testid": "widget-typing" },
    el("i"),
    el("i"),
    el("i"),
    el("span", { class: "sr", role: "status", text: T.typing }),
  );
  const replies = el("div", { class: "replies", role: "group", "aria-label": T.quickReplies, hidden: "", "data-testid": "widget-quick-replies" });
  const input = el("input", { type: "text", maxlength: "4000", "aria-label": T.placeholder, placeholder: T.placeholder, "data-testid": "widget-input" });
  const composer = el(
    "form",
    {
      onsubmit: (e) => {
        e.preventDefault();
        submit();
      },
    },
    input,
    el("button", { type: "submit", "data-testid": "widget-send", text: T.send }),
  );
  const contactInput = el("input", {
    type: "text",
    maxlength: "254",
    autocomplete: "email",
    "aria-label": T.contactPlaceholder,
    placeholder: T.contactPlaceholder,
    "data-testid": "widget-contact-input",
  });
  const contactNote = el("p", { role: "status", "data-testid": "widget-contact-status" });
  const contactForm = el(
    "form",
    {
      hidden: "",
      onsubmit: (e) => {
        e.preventDefault();
        void leaveContact();
      },
    },
    contactInput,
    el("button", { type: "submit", "data-testid": "widget-contact-save", text: T.save }),
  );
  const contactToggle = el("button", {
    type: "button",
    class: "contact-toggle",
    "aria-expanded": "false",
    "data-testid": "widget-contact-toggle",
    text: T.contact,
    onclick: () => {
      const show = contactForm.hidden;
      contactForm.hidden = !show;
      contactToggle.setAttribute("aria-expanded", String(show));
      if (show) contactInput.focus();
    },
  });
  const closeButton = el("button", { type: "button", "aria-label": T.close, text: "×", onclick: () => setOpen(false) });
  const panel = el(
    "div",
    { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: "", "data-testid": "widget-panel" },
    el("header", {}, el("h2", { id: "title", text: T.title }), closeButton),
    status,
    list,
    typing,
    replies,
    composer,
    el("div", { class: "contact" }, contactToggle, contactForm, contactNote),
  );
  root.append(panel, bubble);
  bubble.addEventListener("click", () => setOpen(panel.hidden));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      setOpen(false);
      bubble.focus();
    }
  });

  // 4. Showing messages
  const shown = new Set();
  const pending = new Map();
  let unread = 0;
  let seenUpTo = store.get(SEEN_KEY);
  let newest = null;
  function markSeen(at) {
    if (!at || (seenUpTo && at <= seenUpTo)) return;
    seenUpTo = at;
    store.set(SEEN_KEY, at);
  }
  let serverTyping = false;
  let thinkingUntil = 0;
  let thinkingTimer = 0;

  function bubbleFor(author, text) {
    const node = el("div", { class: "msg", "data-author": author, "data-testid": "widget-message" });
    node.append(el("span", { class: "who", text: T.who[author] }), document.createTextNode(text));
    return node;
  }
  const stick = () => {
    list.scrollTop = list.scrollHeight;
  };
  function renderTyping() {
    typing.hidden = !(serverTyping || Date.now() < thinkingUntil);
  }
  function renderReplies() {
    const last = [...list.querySelectorAll(".msg")].at(-1);
    const buttons = last && last.dataset.author !== "customer" ? JSON.parse(last.dataset.buttons || "[]") : [];
    replies.replaceChildren(...buttons.map((label) => el("button", { type: "button", text: label, onclick: () => send(label) })));
    replies.hidden = buttons.length === 0;
  }
  /** A message from the feed: shown once (a replay after a reconnect never doubles it), our own pending bubble confirmed in place. */
  function receive(m) {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    if (!newest || m.createdAt > newest) newest = m.createdAt;
    if (!panel.hidden) markSeen(m.createdAt);
    const own = m.clientMessageId && pending.get(m.clientMessageId);
    const node = own ? own.node : bubbleFor(m.author, m.text);
    node.dataset.id = m.id;
    node.dataset.state = "sent";
    if (m.buttons.length) node.dataset.buttons = JSON.stringify(m.buttons);
    if (own) {
      pending.delete(m.clientMessageId);
      // Our message is in: from here the server says whether a reply is on its way.
      thinkingUntil = 0;
    } else {
      // Before any of our own still-pending bubbles: the server's order is the conversation's.
      list.insertBefore(node, list.querySelector(".msg:not([data-id])"));
      if (panel.hidden && m.author !== "customer" && !(seenUpTo && m.createdAt <= seenUpTo)) unread++;
    }
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
    renderReplies();
    renderTyping();
    stick();
  }

  // 5. Sending: one id per message, kept across retries, so the server takes it once
  function submit() {
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  }
  function send(text) {
    const entry = { id: newId(), text, node: bubbleFor("customer", text) };
    entry.node.dataset.state = "sending";
    pending.set(entry.id, entry);
    list.append(entry.node);
    stick();
    thinkingUntil = Date.now() + 15_000;
    clearTimeout(thinkingTimer);
    thinkingTimer = setTimeout(renderTyping, 15_050);
    replies.hidden = true;
    renderTyping();
    void deliver(entry);
  }
  async function deliver(entry) {
    entry.node.dataset.state = "sending";
    entry.node.querySelector("button")?.remove();
    for (let attempt = 0; attempt < 6; attempt++) {
      let res = null;
      try {
        const { visitorId, token } = await ensureVisitor();
        res = await fetch(api("inbound"), {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ visitorId, messageId: entry.id, text: entry.text, flowId }),
        });
      } catch {
        // The network failed: the same id again is safe, the server keeps the first copy only.
      }
      if (res?.ok) {
        if (pending.has(entry.id)) entry.node.dataset.state = "sent";
        return;
      }
      if (res?.status === 401) forgetVisitor();
      else if (res && res.status < 500 && res.status !== 429 && res.status !== 408) break;
      await sleep(res ? retryAfter(res, 1000 * 2 ** attempt) : 1000 * 2 ** attempt);
    }
    entry.node.dataset.state = "failed";
    thinkingUntil = 0;
    renderTyping();
    entry.node.append(el("span", { class: "sr", text: T.notSent }), el("button", { type: "button", text: T.retry, onclick: () => deliver(entry) }));
  }

  async function leaveContact() {
    const value = contactInput.value.trim();
    if (!value) return;
    contactNote.textContent = "";
    try {
      const { token } = await ensureVisitor();
      const kind = value.includes("@") ? "email" : "phone";
      const res = await fetch(api("contact"), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ [kind]: value }),
      });
      const body = await res.json().catch(() => ({}));
      // The server names the field it refused; the widget says so in the page's language.
      if (res.status === 400 && body.issues?.some((issue) => issue.field === kind)) throw new Error(T.badContact[kind]);
      if (!res.ok) throw new Error(body.issues?.[0]?.message || body.message || `HTTP ${res.status}`);
      contactNote.textContent = T.thanks;
      contactForm.hidden = true;
      contactToggle.setAttribute("aria-expanded", "false");
    } catch (error) {
      contactNote.textContent = error.message;
    }
  }

  // 6. The live feed: Server-Sent Events read with fetch (the token in a header), resumed from the last event id
  let cursor = null;
  let streaming = false;
  async function follow() {
    if (streaming) return;
    streaming = true;
    let backoff = 1000;
    for (;;) {
      let wait = backoff;
      try {
        const { token } = await ensureVisitor();
        const headers = { authorization: `Bearer ${token}`, ...(cursor && { "last-event-id": cursor }) };
        const res = await fetch(api("events"), { headers, cache: "no-store" });
        if (res.status === 401) forgetVisitor();
        else if (!res.ok || !res.body) wait = retryAfter(res, backoff);
        else {
          status.hidden = true;
          backoff = 1000;
          await read(res.body);
          wait = 500;
        }
      } catch {
        // Offline or cut off: try again from the cursor.
      }
      status.textContent = T.reconnecting;
      status.hidden = false;
      await sleep(wait + Math.random() * 500);
      backoff = Math.min(backoff * 2, 30_000);
    }
  }
  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const blocks = (buffer + value).replace(/\r\n?/g, "\n").split("\n\n");
      buffer = blocks.pop();
      for (const block of blocks) {
        const field = (name) =>
          block
            .split("\n")
            .filter((l) => l.startsWith(`${name}:`))
            .map((l) => l.slice(name.length + 1).replace(/^ /, ""));
        const data = field("data").join("\n");
        if (!data) continue;
        const [event = "message"] = field("event");
        if (event === "message") receive(JSON.parse(data));
        else if (event === "typing") {
          serverTyping = JSON.parse(data).active;
          renderTyping();
        }
        const [id] = field("id");
        if (id !== undefined) cursor = id;
      }
    }
  }

  // 7. Opening and closing
  function setOpen(open) {
    panel.hidden = !open;
    bubble.setAttribute("aria-expanded", String(open));
    bubble.setAttribute("aria-label", open ? T.close : T.open);
    store.set(OPEN_KEY, open || null, sessionStorage);
    if (!open) return;
    unread = 0;
    badge.hidden = true;
    markSeen(newest);
    input.focus();
    stick();
    void follow();
  }
  const start = () => {
    document.body.append(host);
    // Open again on the next page of the same site, if it was open.
    if (store.get(OPEN_KEY, sessionStorage)) setOpen(true);
    else if (visitor) {
      // A visitor who chatted before: replies that come while the chat is closed show on the bubble. Without a mark
      // (storage was cleared), what is already there counts as seen.
      seenUpTo ??= new Date().toISOString();
      void follow();
    }
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
