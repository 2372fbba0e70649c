import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { openStore, type Store } from "./index";

describe("the outbox's due destinations (real SQLite)", () => {
  let tmp: ReturnType<typeof tempDb>;
  let store: Store;
  beforeEach(() => {
    tmp = tempDb("omniflow-outbox-");
    store = openStore(tmp.file);
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  const SENDS = ["message.send"];

  it("lists each destination with a pending row of the kinds due by now, once, whatever else waits", () => {
    const { outbox } = store;
    for (let i = 0; i < 5; i++) outbox.add(`w${i}`, null, "message.send", {}, 1000, "channel:webchat");
    outbox.add("s1", null, "message.send", {}, 1000, "channel:sms");
    outbox.add("later", null, "message.send", {}, 1000, "channel:telegram");
    outbox.settle("later", "retry", "busy", 1000, 9000); // due again only at 9000
    outbox.add("done", null, "message.send", {}, 1000, "channel:viber");
    outbox.settle("done", "done", null, 1000);
    outbox.add("call", null, "http.request", {}, 1000, "http:api.example.com"); // a kind not asked for
    expect(outbox.dueDestinations(SENDS, 2000)).toEqual(["channel:sms", "channel:webchat"]);
    expect(outbox.dueDestinations(SENDS, 9000)).toEqual(["channel:sms", "channel:telegram", "channel:webchat"]);
    expect(outbox.dueDestinations(["message.send", "http.request"], 2000)).toEqual(["channel:sms", "channel:webchat", "http:api.example.com"]);
    expect(outbox.dueDestinations(SENDS, 999)).toEqual([]);
  });
});
