// Publishing a chart in a real browser against a real stack: the chart as SVG and PNG, its data
// as CSV (the API's points), and the read-only embeddable view with its "about" note.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ posts: 3000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#chart-stance .chart-publish').getByRole('button', { name: button }).click(),
  ]);
  return readFile((await file.path())!);
}

describe('dashboard: publish', () => {
  it('downloads the chart as SVG, PNG and CSV, and opens its embeddable view', async () => {
    const page = await browser!.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/?granularity=week&from=2024-06-03&to=2024-09-01', stack!.baseUrl).toString());
      await page.waitForSelector('#chart-stance[data-state="ready"] .recharts-line-curve', { state: 'attached', timeout: 30_000 });

      const svg = (await download(page, 'SVG')).toString('utf8');
      expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain('recharts-line-curve');
      expect(svg).toContain('>Stance: share opposing the ban, per author, copies once</text>');
      expect(svg).toContain('>US government</text>'); // the key is drawn in

      const png = await download(page, 'PNG');
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width, drawn at 2x

      const csv = (await download(page, 'Data (CSV)')).toString('utf8').trimEnd().split('\r\n');
      const trend = (await (
        await fetch(
          new URL(
            '/api/trends?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-06-03T00:00:00.000Z&to=2024-09-02T00:00:00.000Z&unit=author&copies=once',
            stack!.baseUrl,
          ),
        )
      ).json()) as { series: Array<{ key: string; points: Array<{ t: string; value: number; n: number }> }> };
      const expected = trend.series.flatMap((s) => s.points.map((p) => `${p.t},${s.key},stance_oppose_share,${p.value},${p.n}`));
      expect(csv[0]).toBe('bucket_start,series,metric,value,n');
      expect(csv.slice(1)).toEqual(expected);

      // The embeddable view: the same chart and its about note, nothing to click into.
      const embed = await page.locator('#chart-stance .chart-publish').getByRole('link', { name: 'Embeddable view' }).getAttribute('href');
      expect(embed).toMatch(/^\/embed\/divide\?metric=stance_oppose_share&granularity=week&from=2024-06-03/);
      // It counts as the chart does, and says so.
      expect(embed).toContain('&unit=author&copies=once');
      await page.goto(new URL(embed!, stack!.baseUrl).toString());
      await page.waitForSelector('#embed-chart[data-state="ready"] .recharts-line-curve', { state: 'attached', timeout: 30_000 });
      expect(await page.locator('#embed-chart h2').innerText()).toContain('per author, copies once');
      expect(await page.locator('#embed-chart .about-chart').innerText()).toMatch(/oppose_ban[\s\S]*n = [\d,]+ posts/);
      expect(await page.locator('#embed-chart .synthetic-badge').isVisible()).toBe(true);
      for (const selector of ['.chart-publish', '.point-picker', '.point-hit', '.view-controls', '.site-header']) {
        expect(await page.locator(selector).count(), selector).toBe(0);
      }
      expect(await page.getByRole('link', { name: 'Open the full, interactive view' }).getAttribute('href')).toMatch(/^\/\?granularity=week/);
      expect(await page.locator('#embed-chart .event-marker').count()).toBe(0); // no event in June-August 2024
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);

  it("exports images that carry the title, the page's dates, the n, the synthetic share and the event key", async () => {
    const page = await browser!.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', stack!.baseUrl).toString());
      await page.waitForSelector('#chart-stance[data-state="ready"] .event-marker-label', { state: 'attached', timeout: 30_000 });
      const svg = (await download(page, 'SVG')).toString('utf8');

      expect(svg).toMatch(/<text class="image-title"[^>]*>Stance: share opposing the ban, per author, copies once<\/text>/);
      // The dates the page states, not the API's exclusive end or its widened weeks.
      expect(await page.getByTestId('window-note').innerText()).toContain('1 Dec 2024 to 28 Feb 2025');
      expect(svg).toContain('1 Dec 2024 to 28 Feb 2025 (UTC), one point per week, by actor class.');
      // The n and the synthetic share of the chart's own posts, as the API counted them.
      const trend = (await (
        await fetch(new URL('/api/trends?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-12-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z&unit=author&copies=once', stack!.baseUrl))
      ).json()) as { composition: { posts: number; synthetic_posts: number }; series: Array<{ points: Array<{ n_authors: number }> }> };
      expect(trend.composition.synthetic_posts).toBe(trend.composition.posts);
      expect(svg).toContain(`n = ${trend.composition.posts.toLocaleString('en-US')} posts, all synthetic demo data (not real posts).`);
      const authors = trend.series.flatMap((s) => s.points.map((p) => p.n_authors)).filter((n) => n > 0);
      expect(svg).toContain(`Per author: each point is the mean over its bucket's authors (${Math.min(...authors)} to ${Math.max(...authors)} authors a point).`);
      // The key to the badges: every event of the window, by number, date and label.
      const { events } = (await (await fetch(new URL('/api/events', stack!.baseUrl))).json()) as { events: Array<{ date: string; label: string }> };
      const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
      const inWindow = events.map((e, i) => ({ ...e, number: i + 1 })).filter((e) => e.date >= '2024-12-01' && e.date <= '2025-02-28');
      expect(inWindow.map((e) => e.number)).toEqual([5, 6, 7, 8, 9, 10]);
      expect(svg).toContain('Events marked on the chart:');
      for (const e of inWindow) expect(svg).toContain(`${e.number} · ${format.format(Date.parse(e.date))} · ${e.label}`);
      // The badges are drawn light on dark in the file itself, with no stylesheet.
      expect(svg).toMatch(/class="event-marker-label"[^>]*>(<line[^>]*\/>)*<rect[^>]*fill="#374151"/);
      expect(svg).toMatch(/<text[^>]*fill="#ffffff"[^>]*>5<\/text>/);

      // The PNG is the same image at twice the size.
      const [, width, height] = svg.match(/^<svg[^>]* width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/)!;
      const png = await download(page, 'PNG');
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      expect(png.readUInt32BE(16)).toBe(Math.ceil(Number(width) * 2));
      expect(png.readUInt32BE(20)).toBe(Math.ceil(Number(height) * 2));
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);

  it('wraps the words of an image exported on a phone so that none runs off its edge', async () => {
    const page = await browser!.newPage({ acceptDownloads: true, viewport: { width: 390, height: 844 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', stack!.baseUrl).toString());
      await page.waitForSelector('#chart-stance[data-state="ready"] .event-marker-label', { state: 'attached', timeout: 30_000 });
      const svg = (await download(page, 'SVG')).toString('utf8');
      expect(svg).toContain('Events marked on the chart:');
      // The file drawn in the page, and every line of words in it measured.
      // A string, as in phone.test.ts: the tests are typed without the DOM's names.
      const overflow = (await page.evaluate(`(() => {
        const root = new DOMParser().parseFromString(${JSON.stringify(svg)}, 'image/svg+xml').documentElement;
        const host = document.body.appendChild(document.createElement('div'));
        host.appendChild(document.importNode(root, true));
        const drawn = host.querySelector('svg');
        const width = Number(drawn.getAttribute('width'));
        const texts = [...drawn.querySelectorAll(':scope > text')];
        const out = texts.filter((t) => t.getBBox().x + t.getBBox().width > width).map((t) => t.textContent);
        host.remove();
        return { width, lines: texts.length, out };
      })()`)) as { width: number; lines: number; out: string[] };
      expect(overflow.width).toBeLessThanOrEqual(390);
      expect(overflow.lines).toBeGreaterThan(10);
      expect(overflow.out).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);

  it('draws the timeline events of its window on the embeddable view, numbered as on the full page', async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/embed/divide?metric=stance_oppose_share&granularity=week&from=2024-11-01&to=2025-01-31', stack!.baseUrl).toString());
      await page.waitForSelector('#embed-chart[data-state="ready"] .recharts-line-curve', { state: 'attached', timeout: 30_000 });
      // The pack's events sorted by date: numbers 5-10 fall from 2024-12-06 to 2025-01-20, all in this window.
      await page.locator('#embed-chart .event-marker').first().waitFor({ state: 'attached', timeout: 10_000 });
      expect(await page.locator('#embed-chart .event-marker').count()).toBe(6);
      expect(await page.locator('#embed-chart .event-marker-label').count()).toBeGreaterThan(0);
      const listed = await page.locator('[data-testid="event-list"] li .event-number').allInnerTexts();
      expect(listed).toEqual(['5', '6', '7', '8', '9', '10']);
      expect(await page.locator('[data-testid="event-list"] li').first().innerText()).toContain('D.C. Circuit upholds the act');
      expect(await page.locator('#embed-chart .about-chart').innerText()).toMatch(/n = [\d,]+ posts/);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);
});
