import { getViewportForBounds, type Rect, type Viewport } from "@xyflow/react";

/** Zoom range: down to where 2,000 nodes drawn as a block (not one long line) fit on a laptop screen, up to twice the natural size. */
export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 2;
/** Below this a node's 13 px title shrinks under 8 px: the view is a map, not something to read. */
export const READABLE_ZOOM = 0.6;
/** What "fit view" leaves around the flow, as a share of the canvas. */
export const FIT_PADDING = 0.15;

/**
 * Where a flow opens: the whole flow, fitted (never above natural size), when it is readable that
 * way; otherwise at the readable zoom, the start node (trigger) level with the middle of the view
 * and near its left edge, so the first steps are in sight and the rest is a pan (or "fit view") away.
 */
export function openingViewport(bounds: Rect, start: Rect | null, width: number, height: number): Viewport {
  const fitted = getViewportForBounds(bounds, width, height, MIN_ZOOM, 1, FIT_PADDING);
  if (fitted.zoom >= READABLE_ZOOM || !start) return fitted;
  const zoom = READABLE_ZOOM;
  const left = Math.min(48, width / 10);
  return { zoom, x: left - start.x * zoom, y: height / 2 - (start.y + start.height / 2) * zoom };
}
