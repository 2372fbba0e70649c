import { describe, expect, it } from "vitest";
import { FIT_PADDING, MIN_ZOOM, openingViewport, READABLE_ZOOM } from "./opening-view";
import { getViewportForBounds } from "@xyflow/react";

describe("openingViewport", () => {
  const start = { x: 0, y: 200, width: 240, height: 80 };

  it("fits a small flow whole, never above natural size", () => {
    const view = openingViewport({ x: 0, y: 0, width: 600, height: 300 }, start, 1000, 800);
    expect(view.zoom).toBe(1);
  });

  it("fits a flow that is still readable fitted", () => {
    const view = openingViewport({ x: 0, y: 0, width: 1200, height: 400 }, start, 1000, 800);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(view.zoom).toBeLessThan(1);
  });

  it("opens a large flow at the readable zoom with its start node at the left, level with the middle", () => {
    const view = openingViewport({ x: 0, y: 0, width: 20_000, height: 3_000 }, start, 1000, 800);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const startLeft = view.x + start.x * view.zoom;
    const startMiddle = view.y + (start.y + start.height / 2) * view.zoom;
    expect(startLeft).toBeGreaterThan(0);
    expect(startLeft).toBeLessThan(100);
    expect(startMiddle).toBe(400);
  });

  it("can zoom out far enough to fit 2,000 nodes: a 45 × 45 grid, or bench:canvas's block of 6 rounds a row", () => {
    const grid = { x: 0, y: 0, width: 45 * 300, height: 45 * 150 };
    const block = { x: 0, y: 0, width: 6 * 780 + 520, height: Math.ceil(499 / 6) * 480 };
    for (const bounds of [grid, block]) {
      const fitted = getViewportForBounds(bounds, 864, 780, 0, 1, FIT_PADDING);
      expect(fitted.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
    }
  });
});
