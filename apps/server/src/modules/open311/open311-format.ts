import { XMLBuilder } from "fast-xml-parser";

export type Open311Format = "json" | "xml";

/** An error in GeoReport v2's shape: `[{code, description}]`, the code being the HTTP status. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/** "requests.json" → ["requests", "json"]; anything but .json or .xml is not found. */
export function splitFormat(file: string): { name: string; format: Open311Format } {
  const dot = file.lastIndexOf(".");
  const format = file.slice(dot + 1);
  if (dot <= 0 || (format !== "json" && format !== "xml")) throw new Open311Error(404, "Unknown format: use .json or .xml");
  return { name: file.slice(0, dot), format };
}

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });

/**
 * A response in the asked format. JSON is the list (or object) as it is; XML wraps the list's
 * items in `<root><item>…</item></root>` as the spec's examples do, with lists inside an item
 * (attributes, values, formats) as repeated elements under their own wrapper.
 */
export function render(
  format: Open311Format,
  body: unknown,
  xml: { root: string; item?: string },
): { contentType: string; payload: string } {
  if (format === "json") return { contentType: "application/json; charset=utf-8", payload: JSON.stringify(body) };
  const content = xml.item ? { [xml.item]: toXmlValue(body) } : toXmlValue(body);
  return {
    contentType: "text/xml; charset=utf-8",
    payload: `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [xml.root]: content })}`,
  };
}

/** Nested lists keep the spec's element names: attributes → attribute, values → value, formats → format, endpoints → endpoint. */
const itemNames: Record<string, string> = { attributes: "attribute", values: "value", formats: "format", endpoints: "endpoint" };

function toXmlValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toXmlValue);
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      const item = itemNames[key];
      return [key, item && Array.isArray(child) ? { [item]: child.map(toXmlValue) } : toXmlValue(child)];
    }),
  );
}

export function renderError(format: Open311Format, status: number, description: string) {
  return render(format, [{ code: status, description }], { root: "errors", item: "error" });
}
