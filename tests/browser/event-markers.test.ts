// The numbered badges of the timeline's events never cover one another, on a desktop and on a
// phone: their boxes are measured in a real browser. Each event of the window keeps its number,
// alone or in a range ("6–10"), and on a phone each chart lists the numbers under it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 1500 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Badge {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every badge's box in one chart, as the browser laid it out. */
async function badges(page: Page, chart: string): Promise<Badge[]> {
  const boxes = page.locator(`${chart} .event-marker-label`);
  const out: Badge[] = [];
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const rect = (await box.evaluate((el) => {
      // The badge itself, not its leader down to the line.
      const r = el.querySelector('rect')!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    })) as Omit<Badge, 'text'>;
    out.push({ text: (await box.textContent()) ?? '', ...rect });
  }
  return out;
}

const overlap = (a: Badge, b: Badge) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** "3" -> [3], "6–10" -> [6..10]. */
function numbers(text: string): number[] {
  const [first, last] = text.split('–').map(Number) as [number, number?];
  return Array.from({ length: (last ?? first) - first + 1 }, (_, i) => first + i);
}

async function checkLayout(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, stack!.baseUrl).toString());
  for (const chart of ['#chart-stance', '#chart-sentiment']) {
    await page.waitForSelector(`${chart}[data-state="ready"] .event-marker-label`, { timeout: 30_000 });
    const found = await badges(page, chart);
    const surface = (await page.locator(`${chart} svg.recharts-surface`).first().boundingBox())!;
    for (let i = 0; i < found.length; i++) {
      const a = found[i]!;
      expect(a.left, `${chart} badge ${a.text} inside the chart`).toBeGreaterThanOrEqual(surface.x - 0.5);
      expect(a.right, `${chart} badge ${a.text} inside the chart`).toBeLessThanOrEqual(surface.x + surface.width + 0.5);
      for (const b of found.slice(i + 1)) expect(overlap(a, b), `${chart}: "${a.text}" and "${b.text}" overlap`).toBe(false);
    }
    // Every event marked in the window has its number on a badge, once.
    const marked = await page.locator(`${chart} .event-marker`).count();
    const shown = found.flatMap((b) => numbers(b.text));
    expect(shown.length, chart).toBe(marked);
    expect(new Set(shown).size, chart).toBe(marked);
    // On a phone the chart lists its events under it; on a desktop the page's list does.
    const key = page.locator(`${chart} .chart-event-key li`);
    const phone = page.viewportSize()!.width < 720;
    expect(await key.count(), chart).toBe(marked);
    expect(await key.first().isVisible(), chart).toBe(phone);
  }
}

describe('event markers', () => {
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`lays out the badges without overlap at ${viewport.width} px (${name})`, async () => {
      const page = await browser!.newPage({ viewport });
      try {
        await checkLayout(page, '/'); // the pack's period: eight events, five of them within ten days
        if (name === 'desktop') {
          // On a wide screen no event has to share its badge.
          expect(await page.locator('#chart-stance .event-marker-label').allTextContents()).toEqual(['3', '4', '5', '6', '7', '8', '9', '10']);
        }
        await checkLayout(page, '/?granularity=week&from=2024-12-01&to=2025-02-28');
        await checkLayout(page, '/?granularity=day&from=2025-01-08&to=2025-01-22');
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
