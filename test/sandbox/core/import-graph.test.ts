/**
 * No import circle inside the sandbox's services: state modules are leaves, handlers import
 * state, an index imports handlers. Read from the TypeScript sources, type-only imports
 * included: a state module that names a handler's type depends on that handler as a reader
 * sees it, whether or not the import survives compilation.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

// From dist/test/sandbox/core/ to the sources.
const servicesDir = fileURLToPath(new URL('../../../../src/sandbox/services/', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? modules(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The modules under services/ that a module imports statically (`import [type] ... from './x.js'`, `export ... from`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gms), ...text.matchAll(/^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm)];
  return specifiers.map((match) => resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'))).filter((target) => target.startsWith(servicesDir));
}

/** Every import circle, each as the list of modules round it, found by depth-first search. */
export function importCircles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, staticImports(file)]));
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return circles;
}

it('no module under src/sandbox/services/ imports itself through others', () => {
  const files = modules(servicesDir);
  assert.ok(files.length > 50, `only ${files.length} modules found under ${servicesDir}`);
  const circles = importCircles(files).map((circle) => circle.map((file) => relative(servicesDir, file)).join(' -> '));
  assert.deepEqual(circles, []);
});
