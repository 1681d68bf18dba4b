import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module specifier imported by `file` and, recursively, by the local files it imports. */
function importsReachableFrom(file: string, seen = new Set<string>()): Set<string> {
  const specifiers = new Set<string>();
  if (seen.has(file)) return specifiers;
  seen.add(file);
  const source = readFileSync(join(__dirname, file), 'utf8');
  for (const match of source.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
    const spec = match[1] as string;
    if (spec.startsWith('./')) {
      for (const s of importsReachableFrom(`${spec.slice(2)}.ts`, seen)) specifiers.add(s);
    } else specifiers.add(spec);
  }
  return specifiers;
}

describe('the browser entry', () => {
  it('reaches no Node built-in module', () => {
    const external = [...importsReachableFrom('browser.ts')];
    expect(external.filter((s) => s.startsWith('node:'))).toEqual([]);
    expect(external).toContain('@tensorflow/tfjs-core');
  });

  it('while the main entry does (the file loaders)', () => {
    expect([...importsReachableFrom('index.ts')]).toContain('node:fs');
  });
});
