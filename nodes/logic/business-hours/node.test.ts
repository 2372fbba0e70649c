import { describe, expect, it } from "vitest";
import { messageEvent } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { findNodeSpec } from "../../registry";
import { localTime } from "./hours";

const TYPE = "logic.business-hours";
const utc = (iso: string) => Date.parse(`${iso}Z`);
const portAt = (settings: Record<string, unknown>, iso: string) => runNode(TYPE, settings, messageEvent("hi", { at: utc(iso) })).port;

describe("logic.business-hours", () => {
  it("has Open and Closed outputs and defaults to Mon-Fri 09:00-18:00 UTC", () => {
    expect(portsOf(TYPE, {})).toEqual(["open", "closed"]);
    const spec = findNodeSpec(TYPE)!;
    expect(spec.summary(spec.settings.parse({}))).toBe("Mon–Fri 09:00-18:00 (UTC)");
  });

  it.each([
    ["2026-01-05T09:00:00", "open"], // Monday, opening minute
    ["2026-01-05T08:59:59", "closed"],
    ["2026-01-05T17:59:00", "open"],
    ["2026-01-05T18:00:00", "closed"], // the end is exclusive
    ["2026-01-09T12:00:00", "open"], // Friday
    ["2026-01-10T12:00:00", "closed"], // Saturday
  ])("by default, at %s UTC it is %s", (iso, port) => {
    const run = runNode(TYPE, {}, messageEvent("hi", { at: utc(iso) }));
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, port === "open" ? "sink-1" : "sink-2"]);
    expect(run.effects).toEqual([]);
  });

  it("uses the local weekday and time around midnight (Europe/Moscow, UTC+3, no DST)", () => {
    const night = { timeZone: "Europe/Moscow", mon: "22:00-24:00", tue: "00:00-06:00", wed: "", thu: "", fri: "" };
    expect(portAt(night, "2026-01-05T18:59:00")).toBe("closed"); // Mon 21:59 local
    expect(portAt(night, "2026-01-05T19:00:00")).toBe("open"); // Mon 22:00 local
    expect(portAt(night, "2026-01-05T21:00:00")).toBe("open"); // Tue 00:00 local, still Monday in UTC
    expect(portAt(night, "2026-01-06T02:59:00")).toBe("open"); // Tue 05:59
    expect(portAt(night, "2026-01-06T03:00:00")).toBe("closed"); // Tue 06:00
    expect(portAt({ timeZone: "Europe/Moscow", mon: "00:00-24:00" }, "2026-01-04T22:00:00")).toBe("open"); // Sunday in UTC, Monday 01:00 local
    expect(localTime(utc("2026-07-01T21:30:00"), "Europe/Moscow")).toEqual({ date: "2026-07-02", day: "thu", minute: 30 }); // same offset in summer
  });

  it("follows daylight saving time (Europe/Berlin: UTC+1 in winter, UTC+2 from 29 March 2026)", () => {
    const berlin = { timeZone: "Europe/Berlin" };
    expect(portAt(berlin, "2026-03-23T07:30:00")).toBe("closed"); // Mon 08:30 CET
    expect(portAt(berlin, "2026-03-23T08:00:00")).toBe("open"); // Mon 09:00 CET
    expect(portAt(berlin, "2026-03-30T07:30:00")).toBe("open"); // Mon 09:30 CEST
    expect(portAt(berlin, "2026-03-30T15:59:00")).toBe("open"); // Mon 17:59 CEST
    expect(portAt(berlin, "2026-03-30T16:00:00")).toBe("closed"); // Mon 18:00 CEST
  });

  it("is closed on holidays, by the local date", () => {
    const moscow = { timeZone: "Europe/Moscow", mon: "00:00-24:00", tue: "00:00-24:00", holidays: ["2026-01-06"] };
    expect(portAt(moscow, "2026-01-05T20:30:00")).toBe("open"); // Mon 23:30 local
    expect(portAt(moscow, "2026-01-05T21:30:00")).toBe("closed"); // Tue 00:30 local, a holiday
    expect(portAt({ holidays: ["2026-01-05"] }, "2026-01-05T12:00:00")).toBe("closed");
  });

  it("supports a lunch break", () => {
    const lunch = { mon: "09:00-13:00, 14:00-18:00" };
    expect(portAt(lunch, "2026-01-05T12:59:00")).toBe("open");
    expect(portAt(lunch, "2026-01-05T13:30:00")).toBe("closed");
    expect(portAt(lunch, "2026-01-05T14:00:00")).toBe("open");
  });

  it("decides by the event's time, so the same event always gives the same answer", () => {
    const event = messageEvent("hi", { at: utc("2026-01-05T12:00:00") });
    expect([runNode(TYPE, {}, event).port, runNode(TYPE, {}, event).port]).toEqual(["open", "open"]);
  });

  it.each([
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ timeZone: "" }, "timeZone"],
    [{ mon: "9-18" }, "mon"],
    [{ fri: "18:00-09:00" }, "fri"],
    [{ sat: "10:00-25:00" }, "sat"],
    [{ sun: "10:00-12:60" }, "sun"],
    [{ holidays: ["2026-02-30"] }, "holidays.0"],
    [{ holidays: ["31.12.2026"] }, "holidays.0"],
  ])("rejects %j, pinned to %s", (settings, field) => {
    expect(nodeIssues(TYPE, settings)).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field }]);
  });
});
