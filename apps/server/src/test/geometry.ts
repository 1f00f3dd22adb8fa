// Tests draw boxes: the same rectangles the demo lays out.
export { rectangle as box } from "../platform/geo/polygon.js";
