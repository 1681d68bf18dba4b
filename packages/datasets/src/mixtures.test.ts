import { describe, expect, it } from 'vitest';
import {
  blobs,
  gridOfGaussians,
  type MixtureSample,
  MOON_STEPS,
  mixtureLogDensity,
  ringOfGaussians,
  swissRoll,
  twoMoons,
} from './index';

/** Per component: count, mean x, mean y, and the pooled std of both coordinates. */
function componentStats(s: MixtureSample) {
  const k = s.weights.length;
  const stats = Array.from({ length: k }, () => ({ n: 0, sx: 0, sy: 0, ss: 0 }));
  s.points.forEach((p, i) => {
    const c = stats[s.components[i] as number] as { n: number; sx: number; sy: number; ss: number };
    c.n++;
    c.sx += p[0] as number;
    c.sy += p[1] as number;
  });
  s.points.forEach((p, i) => {
    const j = s.components[i] as number;
    const c = stats[j] as { n: number; sx: number; sy: number; ss: number };
    c.ss += ((p[0] as number) - c.sx / c.n) ** 2 + ((p[1] as number) - c.sy / c.n) ** 2;
  });
  return stats.map((c) => ({
    n: c.n,
    mx: c.sx / c.n,
    my: c.sy / c.n,
    std: Math.sqrt(c.ss / (2 * c.n - 2)),
  }));
}

function expectMatchesMixture(s: MixtureSample, n: number) {
  expect(s.points.length).toBe(n);
  expect(s.components.length).toBe(n);
  expect(s.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  componentStats(s).forEach((c, k) => {
    const w = s.weights[k] as number;
    const std = s.stds[k] as number;
    // Counts within 4.5 binomial standard deviations of n * w.
    expect(Math.abs(c.n - n * w)).toBeLessThan(4.5 * Math.sqrt(n * w * (1 - w)));
    // Means within 4.5 standard errors; stds within 5 standard errors of a sample std
    // (relative error 1 / sqrt(2 dof), with 2n - 2 degrees of freedom).
    expect(Math.abs(c.mx - (s.means[2 * k] as number))).toBeLessThan((4.5 * std) / Math.sqrt(c.n));
    expect(Math.abs(c.my - (s.means[2 * k + 1] as number))).toBeLessThan(
      (4.5 * std) / Math.sqrt(c.n),
    );
    expect(Math.abs(c.std / std - 1)).toBeLessThan(5 / Math.sqrt(2 * (2 * c.n - 2)));
  });
}

describe('ring of Gaussians', () => {
  const s = ringOfGaussians({ n: 8000, seed: 1 });

  it('has 8 modes on a circle of radius 2, std 0.02, equal weights', () => {
    expect(s.weights.length).toBe(8);
    expect(Array.from(s.stds)).toEqual(new Array(8).fill(0.02));
    expect(s.means[0]).toBeCloseTo(2, 12);
    expect(s.means[1]).toBeCloseTo(0, 12);
    // Mode 1 sits at 45 degrees.
    expect(s.means[2]).toBeCloseTo(Math.SQRT2, 12);
    expect(s.means[3]).toBeCloseTo(Math.SQRT2, 12);
    for (let k = 0; k < 8; k++) {
      expect(Math.hypot(s.means[2 * k] as number, s.means[2 * k + 1] as number)).toBeCloseTo(2, 12);
    }
  });

  it('draws points whose per-mode statistics match the mixture', () => {
    expectMatchesMixture(s, 8000);
    expect(Array.from(s.classes)).toEqual(Array.from(s.components));
  });

  it('is reproducible under a seed and different across seeds', () => {
    const again = ringOfGaussians({ n: 8000, seed: 1 });
    expect(again.points[7999]).toEqual(s.points[7999]);
    expect(again.components).toEqual(s.components);
    expect(ringOfGaussians({ n: 8000, seed: 2 }).points[0]).not.toEqual(s.points[0]);
  });

  it('keeps rows as views on one buffer', () => {
    const flat = new Float32Array(s.points[0]?.buffer as ArrayBuffer);
    expect(flat.length).toBe(16000);
    expect(flat[2 * 5 + 1]).toBe(s.points[5]?.[1]);
  });
});

describe('grid of Gaussians', () => {
  it('has 25 modes at {-4,-2,0,2,4}^2 with std 0.05', () => {
    const s = gridOfGaussians({ n: 10000, seed: 5 });
    const positions = new Set<string>();
    for (let k = 0; k < 25; k++) positions.add(`${s.means[2 * k]},${s.means[2 * k + 1]}`);
    const expected = new Set<string>();
    for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) expected.add(`${x},${y}`);
    expect(positions).toEqual(expected);
    // Component row * 5 + col sits at (position(col), position(row)).
    expect([s.means[2 * 7], s.means[2 * 7 + 1]]).toEqual([0, -2]);
    expect(Array.from(s.stds)).toEqual(new Array(25).fill(0.05));
    expectMatchesMixture(s, 10000);
  });
});

describe('blobs', () => {
  it('puts random centres in the box and draws around them', () => {
    const s = blobs({ n: 3000, centers: 4, std: 0.5, box: 5, seed: 9 });
    expect(s.weights.length).toBe(4);
    for (const m of s.means) expect(Math.abs(m)).toBeLessThanOrEqual(5);
    expectMatchesMixture(s, 3000);
  });

  it('uses given centres', () => {
    const s = blobs({
      n: 2000,
      centers: [
        [10, 0],
        [-10, 0],
      ],
      seed: 1,
    });
    expect(Array.from(s.means)).toEqual([10, 0, -10, 0]);
    expectMatchesMixture(s, 2000);
  });
});

describe('two moons', () => {
  const s = twoMoons({ n: 6000, noise: 0.05, seed: 2 });

  it('is two arcs: points lie within a few noise stds of their moon', () => {
    let worst = 0;
    s.points.forEach((p, i) => {
      const [x, y] = [p[0] as number, p[1] as number];
      // Distance to the upper unit circle, or to the lower one centred at (1, 0.5).
      const d =
        s.classes[i] === 0
          ? Math.abs(Math.hypot(x, y) - 1)
          : Math.abs(Math.hypot(x - 1, y - 0.5) - 1);
      worst = Math.max(worst, d);
    });
    // A 2-D Gaussian offset passes 6 stds with probability exp(-18): never here.
    expect(worst).toBeLessThan(0.05 * 6);
    const upper = s.classes.reduce((a, c) => a + (c === 0 ? 1 : 0), 0);
    expect(Math.abs(upper - 3000)).toBeLessThan(4.5 * Math.sqrt(1500));
  });

  it('matches its mixture: 200 Gaussians along the arcs', () => {
    expect(s.weights.length).toBe(2 * MOON_STEPS);
    expectMatchesMixture(s, 6000);
  });

  it('has the mean of its discrete arc: x 0, y the average of sin over the steps', () => {
    let sinMean = 0;
    for (let j = 0; j < MOON_STEPS; j++)
      sinMean += Math.sin((Math.PI * j) / (MOON_STEPS - 1)) / MOON_STEPS;
    let sx = 0;
    let sy = 0;
    let n = 0;
    s.points.forEach((p, i) => {
      if (s.classes[i] !== 0) return;
      sx += p[0] as number;
      sy += p[1] as number;
      n++;
    });
    // cos t over [0, pi] has std ~0.71: 4.5 standard errors.
    expect(Math.abs(sx / n)).toBeLessThan((4.5 * 0.71) / Math.sqrt(n));
    expect(Math.abs(sy / n - sinMean)).toBeLessThan((4.5 * 0.31) / Math.sqrt(n));
  });
});

describe('swiss roll', () => {
  it('spirals out from radius 0.94 to 2.83 with the noise around it', () => {
    const s = swissRoll({ n: 4000, noise: 0.02, seed: 4 });
    expect(Array.from(s.classes).every((c) => c === 0)).toBe(true);
    // Radius of (t cos t, t sin t) / 5 is t / 5, for t in [1.5 pi, 4.5 pi].
    const radii = s.points.map((p) => Math.hypot(p[0] as number, p[1] as number));
    expect(Math.min(...radii)).toBeGreaterThan((1.5 * Math.PI) / 5 - 0.1);
    expect(Math.max(...radii)).toBeLessThan((4.5 * Math.PI) / 5 + 0.1);
    expectMatchesMixture(s, 4000);
  });
});

describe('mixtureLogDensity', () => {
  it('matches a direct evaluation of the mixture density', () => {
    const mixture = {
      means: Float64Array.from([0, 0, 3, 1]),
      stds: Float64Array.from([1, 0.5]),
      weights: Float64Array.from([0.25, 0.75]),
    };
    const points = [
      [0, 0],
      [3, 1],
      [1.5, 0.5],
    ];
    const got = mixtureLogDensity(mixture, points);
    points.forEach((p, i) => {
      let density = 0;
      for (let k = 0; k < 2; k++) {
        const s = mixture.stds[k] as number;
        const d2 =
          ((p[0] as number) - (mixture.means[2 * k] as number)) ** 2 +
          ((p[1] as number) - (mixture.means[2 * k + 1] as number)) ** 2;
        density +=
          ((mixture.weights[k] as number) / (2 * Math.PI * s * s)) * Math.exp(-d2 / (2 * s * s));
      }
      expect(got[i]).toBeCloseTo(Math.log(density), 10);
    });
  });

  it('integrates to 1 over the plane', () => {
    const ring = ringOfGaussians({ n: 1, std: 0.3 });
    const h = 0.05;
    const grid: number[][] = [];
    for (let x = -4; x < 4; x += h) for (let y = -4; y < 4; y += h) grid.push([x, y]);
    const total = mixtureLogDensity(ring, grid).reduce((a, l) => a + Math.exp(l) * h * h, 0);
    expect(total).toBeCloseTo(1, 3);
  });

  it('stays finite far from every mode (log-sum-exp)', () => {
    const ring = ringOfGaussians({ n: 1 });
    const [far] = mixtureLogDensity(ring, [[50, 50]]);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeLessThan(-1e6);
  });

  it('rejects rows that are not [x, y]', () => {
    expect(() => mixtureLogDensity(ringOfGaussians({ n: 1 }), [[1, 2, 3]])).toThrow(
      "Argument 'points' passed to 'mixtureLogDensity' must be rows of 2 numbers [x, y], but row 0 is not.",
    );
  });
});

describe('mixture arguments', () => {
  it('are checked and named', () => {
    expect(() => ringOfGaussians({ n: 0 })).toThrow(
      "Argument 'n' passed to 'ringOfGaussians' must be an integer >= 1, but got 0.",
    );
    expect(() => gridOfGaussians({ n: 10, std: -1 })).toThrow(
      "Argument 'std' passed to 'gridOfGaussians' must be a finite number > 0, but got -1.",
    );
    expect(() => twoMoons({ n: 10, noise: 0 })).toThrow(
      "Argument 'noise' passed to 'twoMoons' must be a finite number > 0, but got 0.",
    );
    expect(() => blobs({ n: 10, centers: [[1, Number.NaN]] })).toThrow(
      "Argument 'centers' passed to 'blobs' must hold [x, y] pairs of finite numbers, but entry 0 is not one.",
    );
    expect(() => swissRoll({ n: 10, nois: 1 } as object as { n: number })).toThrow(
      "Unknown option 'nois' passed to 'swissRoll'; expected one of: n, noise, seed.",
    );
    expect(() => swissRoll(undefined as unknown as { n: number })).toThrow(
      "Argument 'options' passed to 'swissRoll' must be an object with at least: n, but got undefined.",
    );
  });
});
