export { FlowCanvas, NODE_DRAG_TYPE, type FlowCanvasProps } from "./flow-canvas";
export { isMissingId, missingId, NO_SELECTION, pathHighlight, type CanvasSelection, type DiffMark, type DiffMarks } from "./convert";
export { FIT_PADDING } from "./opening-view";
export { categoryStyle, diffBadge, unknownStyle } from "./category-style";
export { NodeIcon } from "./node-icon";
export * from "./node-view";
