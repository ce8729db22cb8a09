// Parse Mermaid text from standard input with Mermaid's own parser.
// Prints "ok <diagram type>" and exits 0, or prints the parse error and exits 1.
// Mermaid expects a browser; jsdom provides the window it looks for.
import fs from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

const text = fs.readFileSync(0, "utf8");
try {
  const result = await mermaid.parse(text);
  console.log("ok", result.diagramType);
} catch (error) {
  console.log("error", String(error.message || error));
  process.exit(1);
}
