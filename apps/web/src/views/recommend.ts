import { generateRatings, type Ratings } from '@gankit/datasets/browser';
import { type Id, Interactions, KNNWithMeans } from '@gankit/recommend';
import { byId, h } from '../dom';

const SHAPE = { numUsers: 300, numItems: 400, count: 15_000, minPerUser: 15, seed: 0 };

/** User- and item-based k-NN on synthetic ratings: a user's top 10 and the neighbours behind each. */
export function mountRecommend(): void {
  const ratings = generateRatings(SHAPE);
  const data = Interactions.from(
    {
      users: Array.from(ratings.users, (u) => ratings.userIds[u] as number),
      items: Array.from(ratings.items, (i) => ratings.itemIds[i] as number),
      ratings: ratings.ratings,
    },
    { ratingScale: [1, 5] },
  );
  const userInput = byId('recommend-user', HTMLInputElement);
  userInput.max = String(SHAPE.numUsers);
  const based = byId('recommend-based', HTMLSelectElement);
  const kInput = byId('recommend-k', HTMLInputElement);
  let model: KNNWithMeans;

  const fit = () => {
    const started = performance.now();
    model = new KNNWithMeans({
      k: Math.max(1, Math.round(Number(kInput.value)) || 20),
      similarity: { name: 'pearson', userBased: based.value === 'user', minSupport: 3 },
    }).fit(data);
    byId('recommend-about', HTMLParagraphElement).textContent =
      `${ratings.ratings.length.toLocaleString('en')} ratings (1 to 5) of ${SHAPE.numItems} items by ${SHAPE.numUsers} users, drawn from a low-rank model by generateRatings. KNNWithMeans with Pearson similarity, ${based.value}-based, fitted in ${(performance.now() - started).toFixed(0)} ms.`;
    show();
  };

  const show = () => {
    const user = Math.max(1, Math.min(SHAPE.numUsers, Math.round(Number(userInput.value)) || 1));
    const top = model.recommend(user, 10);
    const rows = top.items.map(({ item, score }, rank) => {
      const row = h(
        'tr',
        { class: 'clickable', 'data-item': String(item) },
        h('td', {}, String(rank + 1)),
        h('td', {}, `item ${item}`),
        h('td', {}, score.toFixed(2)),
      );
      row.addEventListener('click', () => explain(user, item, row));
      return row;
    });
    byId('recommend-top', HTMLTableElement).replaceChildren(
      header('#', 'item', 'predicted'),
      ...rows,
    );
    byId('recommend-rated', HTMLTableElement).replaceChildren(
      header('item', 'rating'),
      ...highestRatings(ratings, user, 10).map(([item, rating]) =>
        h('tr', {}, h('td', {}, `item ${item}`), h('td', {}, String(rating))),
      ),
    );
    const first = rows[0];
    if (first && top.items[0]) explain(user, top.items[0].item, first);
  };

  const explain = (user: number, item: Id, row: HTMLTableRowElement) => {
    for (const other of row.parentElement?.querySelectorAll('tr') ?? [])
      other.classList.remove('selected');
    row.classList.add('selected');
    const why = model.explain(user, item);
    const userBased = based.value === 'user';
    byId('recommend-why-title', HTMLElement).textContent = userBased
      ? `Why item ${item}? Similar users who rated it`
      : `Why item ${item}? Similar items user ${user} rated`;
    byId('recommend-why', HTMLTableElement).replaceChildren(
      header(
        userBased ? 'user' : 'item',
        'similarity',
        userBased ? 'their rating' : `user ${user}'s rating`,
      ),
      ...why.neighbours
        .slice(0, 12)
        .map((n) =>
          h(
            'tr',
            {},
            h('td', {}, `${userBased ? 'user' : 'item'} ${n.id}`),
            h('td', {}, n.similarity.toFixed(3)),
            h('td', {}, String(n.rating)),
          ),
        ),
      h(
        'tr',
        {},
        h('th', {}, 'estimate'),
        h('td', {}, why.estimate.toFixed(2)),
        h('td', {}, `from ${why.details.actualK} neighbours`),
      ),
    );
  };

  userInput.addEventListener('change', show);
  based.addEventListener('change', fit);
  kInput.addEventListener('change', fit);
  fit();
}

function header(...names: string[]): HTMLTableRowElement {
  return h('tr', {}, ...names.map((name) => h('th', {}, name)));
}

/** The user's `n` highest ratings as `[item id, rating]`, best first. */
function highestRatings(ratings: Ratings, user: number, n: number): [number, number][] {
  const mine: [number, number][] = [];
  for (let k = 0; k < ratings.users.length; k++) {
    if (ratings.userIds[ratings.users[k] as number] === user) {
      mine.push([
        ratings.itemIds[ratings.items[k] as number] as number,
        ratings.ratings[k] as number,
      ]);
    }
  }
  return mine.sort((a, b) => b[1] - a[1]).slice(0, n);
}
