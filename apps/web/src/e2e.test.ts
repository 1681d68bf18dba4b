// End-to-end: build the app with Vite, serve the build with `vite preview`, and drive
// Debian's Chromium (never a downloaded browser) through playwright-core.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const appRoot = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(appRoot, '..', '..', 'test-artifacts', 'web');

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The canvas's pixels as a data URL, to tell whether anything was redrawn. */
function canvasPixels(page: Page, id: string): Promise<string> {
  return page.$eval(`#${id}`, (canvas) => (canvas as HTMLCanvasElement).toDataURL());
}

function stepOf(page: Page, id: string): Promise<number> {
  return page.$eval(`#${id}`, (element) => Number(element.textContent));
}

// Without Debian's chromium package (`apt-get install chromium`; .ci/run installs it) there
// is no browser to drive, and this suite never downloads one: it is skipped.
describe.skipIf(!existsSync(CHROMIUM))('the web app in headless Chromium', () => {
  let outDir: string;
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  const errors: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'gankit-web-'));
    await mkdir(artifacts, { recursive: true });
    await build({ root: appRoot, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    const port = await freePort();
    server = await preview({
      root: appRoot,
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: true, open: false },
    });
    url = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()) ?? resolve());
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('loads cross-origin isolated, with the wasm backend and SIMD, and says so in the header', async () => {
    const response = await page.goto(url);
    expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    await page.waitForSelector('#backend[data-ready]');
    expect(await page.textContent('#backend')).toMatch(/^backend: wasm · SIMD yes · threads \d+$/);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('trains the 2D GAN in the worker: the step counter grows and the plane is redrawn', async () => {
    await page.click('#tabs button[data-view="gan2d"]');
    // The worker draws a first frame of the untrained model before training starts.
    await page.waitForFunction(
      () => document.querySelector('#gan2d-status')?.textContent === 'paused',
    );
    const before = await canvasPixels(page, 'gan2d-plane');
    await page.click('#gan2d-start');
    await page.waitForFunction(
      () => Number(document.querySelector('#gan2d-step')?.textContent) >= 30,
    );
    await page.click('#gan2d-start'); // pause
    await page.waitForFunction(
      () => document.querySelector('#gan2d-status')?.textContent === 'paused',
    );
    expect(await stepOf(page, 'gan2d-step')).toBeGreaterThanOrEqual(30);
    expect(await canvasPixels(page, 'gan2d-plane')).not.toBe(before);
    expect(await page.textContent('#gan2d-dloss')).toMatch(/^\d+\.\d{3}$/);
    // The page stayed responsive while the worker trained: a click switched the button.
    expect(await page.textContent('#gan2d-start')).toBe('Start');
    await page.screenshot({ path: join(artifacts, 'gan2d.png') });
  });

  it('trains the MNIST GAN a few steps and redraws the sample grid', async () => {
    await page.click('#tabs button[data-view="mnist"]');
    await page.click('#mnist-start');
    await page.waitForFunction(
      () => Number(document.querySelector('#mnist-step')?.textContent) >= 1,
    );
    const first = await canvasPixels(page, 'mnist-grid');
    await page.waitForFunction(
      () => Number(document.querySelector('#mnist-step')?.textContent) >= 5,
    );
    await page.click('#mnist-start'); // pause
    await page.waitForFunction(
      () => document.querySelector('#mnist-status')?.textContent === 'paused',
    );
    expect(await canvasPixels(page, 'mnist-grid')).not.toBe(first);
    await page.screenshot({ path: join(artifacts, 'mnist.png') });
  });

  it('decodes interpolations and latent arithmetic with the shipped generator', async () => {
    await page.click('#tabs button[data-view="latent"]');
    await page.waitForSelector('#latent-about[data-ready]');
    const walk = await page.$eval('#latent-walk', (c) => [
      (c as HTMLCanvasElement).width,
      (c as HTMLCanvasElement).height,
    ]);
    expect(walk).toEqual([10 * 28 + 11 * 2, 28 + 2 * 2]);
    expect(await page.locator('#latent-pool canvas').count()).toBe(32);
    expect(await page.locator('#latent-equation canvas').count()).toBe(4);
    await page.screenshot({ path: join(artifacts, 'latent.png') });
  });

  it('clusters points with k-means and a Gaussian mixture, and adds clicked points', async () => {
    await page.click('#tabs button[data-view="clusters"]');
    await page.waitForFunction(() =>
      document.querySelector('#clusters-info')?.textContent?.includes('inertia'),
    );
    expect(await page.textContent('#clusters-info')).toMatch(/^150 points · inertia/);
    await page.click('#clusters-plane', { position: { x: 480, y: 480 } });
    await page.waitForFunction(() =>
      document.querySelector('#clusters-info')?.textContent?.startsWith('151 points'),
    );
    await page.selectOption('#clusters-model', 'gmm');
    await page.waitForFunction(() =>
      document.querySelector('#clusters-info')?.textContent?.includes('log-likelihood'),
    );
    await page.screenshot({ path: join(artifacts, 'clusters.png') });
  });

  it("recommends 10 items and explains the first with the neighbours' ratings", async () => {
    await page.click('#tabs button[data-view="recommend"]');
    await page.waitForSelector('#recommend-top tr.selected');
    expect(await page.locator('#recommend-top tr').count()).toBe(11); // header + 10
    expect(await page.locator('#recommend-why tr').count()).toBeGreaterThan(2);
    await page.selectOption('#recommend-based', 'item');
    await page.waitForFunction(() =>
      document.querySelector('#recommend-why-title')?.textContent?.includes('Similar items'),
    );
    await page.screenshot({ path: join(artifacts, 'recommend.png') });
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
