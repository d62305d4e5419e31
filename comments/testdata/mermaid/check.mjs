// Parses every ```mermaid block of the files given with Mermaid itself.
// MERMAID_DIR is a folder where `npm install mermaid@11 jsdom` was run
// (see docs/diagram.md); run by TestDiagramsParseWithMermaid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(join(process.env.MERMAID_DIR, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { JSDOM } = await load('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await load('mermaid')).default;
let bad = 0;
for (const f of process.argv.slice(2)) {
  const re = /```mermaid\n([\s\S]*?)```/g;
  const text = readFileSync(f, 'utf8');
  for (let m; (m = re.exec(text)); ) {
    try {
      await mermaid.parse(m[1]);
    } catch (e) {
      bad++;
      console.log(`${f}: ${String(e.message || e)}\n${m[1]}`);
    }
  }
}
process.exit(bad ? 1 : 0);
