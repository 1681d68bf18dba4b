import { describeBackend, startBackend } from './backend';
import { byId } from './dom';
import { mountClusters } from './views/clusters';
import { mountGan2d } from './views/gan2d';
import { mountLatent } from './views/latent';
import { mountMnist } from './views/mnist';
import { mountRecommend } from './views/recommend';

// Each view is built the first time its tab opens. The views that train GANs hand the
// work to a Web Worker; the others are light enough for the page's own backend.
const views: Record<string, () => void | Promise<void>> = {
  gan2d: mountGan2d,
  mnist: mountMnist,
  latent: mountLatent,
  clusters: mountClusters,
  recommend: mountRecommend,
};
const mounted = new Set<string>();

async function show(name: string): Promise<void> {
  for (const button of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    button.classList.toggle('active', button.dataset.view === name);
  }
  for (const section of document.querySelectorAll<HTMLElement>('.view')) {
    section.classList.toggle('active', section.id === `view-${name}`);
  }
  if (mounted.has(name)) return;
  mounted.add(name);
  await views[name]?.();
}

async function main(): Promise<void> {
  const line = byId('backend', HTMLParagraphElement);
  const info = await startBackend();
  line.textContent = `backend: ${describeBackend(info)}${crossOriginIsolated ? '' : ' (page not cross-origin isolated)'}`;
  line.dataset.ready = 'true';
  byId('tabs', HTMLElement).addEventListener('click', (event) => {
    const view = (event.target as HTMLElement).dataset.view;
    if (view) location.hash = view;
  });
  const fromHash = () => show(location.hash.slice(1) in views ? location.hash.slice(1) : 'gan2d');
  window.addEventListener('hashchange', () => void fromHash().catch(report));
  await fromHash();
}

function report(error: unknown): void {
  console.error(error);
  const line = document.getElementById('backend');
  if (line) line.textContent = `error: ${error instanceof Error ? error.message : String(error)}`;
}

main().catch(report);
