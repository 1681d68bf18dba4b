// Runs every TypeScript snippet of docs/from-the-talk-to-the-code.md, so the guide cannot
// drift from the code: each snippet is written to a module beside this app (where the
// workspace packages resolve) and imported. A snippet that throws fails its test.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const guide = readFileSync(
  join(appRoot, '..', '..', 'docs', 'from-the-talk-to-the-code.md'),
  'utf8',
);
const snippets = [...guide.matchAll(/^## (.+)$|^```ts\n([\s\S]*?)^```$/gm)]
  .reduce<{ section: string; code: string }[]>((found, match) => {
    if (match[1]) found.push({ section: match[1], code: '' });
    else if (match[2] && found.length > 0)
      found.push({ section: found.at(-1)?.section ?? '', code: match[2] });
    return found;
  }, [])
  .filter((s) => s.code !== '');

describe('the guide "from the talk to the code"', () => {
  it('has a snippet for every idea it maps', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(13);
  });

  snippets.forEach(({ section, code }, k) => {
    it(`snippet ${k + 1} (${section}) runs`, async () => {
      const dir = join(appRoot, '.guide');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `snippet-${k + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const logs: unknown[][] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...args) => void logs.push(args));
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        log.mockRestore();
      }
      expect(logs.length).toBeGreaterThan(0);
    });
  });
});
