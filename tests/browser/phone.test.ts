// Every page on a phone (390 px wide, as an iPhone 12-15 in portrait): nothing scrolls sideways,
// the page links fold behind a Menu button, and the tab has an icon.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 2000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const PAGES = ['/', '/explore', '/views', '/validate', '/alerts', '/embed/divide?metric=stance_oppose_share'];

describe('phone width', () => {
  it('no page is wider than a 390 px screen', async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      for (const path of PAGES) {
        await page.goto(new URL(path, stack!.baseUrl).toString());
        await page.waitForSelector('main', { timeout: 30_000 });
        // Let the charts and lists arrive: they are what widened the page.
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width, path).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.close();
    }
  }, 90_000);

  it('folds the page links behind a Menu button that opens and closes them', async () => {
    const page = await browser!.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(new URL('/explore', stack!.baseUrl).toString());
      const menu = page.getByRole('button', { name: 'Menu' });
      const alerts = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Alerts' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await alerts.isVisible()).toBe(false);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await alerts.isVisible()).toBe(true);
      const box = (await alerts.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await menu.click();
      expect(await alerts.isVisible()).toBe(false);

      // On a desktop there is no button and every link shows.
      await page.setViewportSize({ width: 1280, height: 900 });
      expect(await menu.isVisible()).toBe(false);
      expect(await alerts.isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('serves a favicon that every page links to', async () => {
    const page = await browser!.newPage();
    try {
      const missing: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 404) missing.push(r.url());
      });
      await page.goto(new URL('/', stack!.baseUrl).toString());
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(href).toBe('/favicon.svg');
      const icon = await fetch(new URL(href!, stack!.baseUrl));
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      await page.waitForLoadState('networkidle');
      expect(missing).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('renders Chinese text with the bundled Noto Sans SC, served by Rift itself', async () => {
    const page = await browser!.newPage();
    try {
      const fonts: Array<{ url: string; status: number }> = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.woff2')) fonts.push({ url: r.url(), status: r.status() });
      });
      await page.goto(new URL('/', stack!.baseUrl).toString());
      const faces = await page.evaluate(`(async () => {
        const probe = document.createElement('p');
        probe.textContent = '抖音和小红书';
        document.body.append(probe);
        const loaded = await document.fonts.load('16px "Noto Sans SC"', '抖音和小红书');
        return loaded.map((f) => f.family);
      })()`);
      expect(faces).toEqual(['Noto Sans SC']);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(new URL(f.url).origin).toBe(new URL(stack!.baseUrl).origin);
        expect(f.status).toBe(200);
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('traditional Chinese', () => {
  it('draws characters only traditional Chinese has with the bundled Noto Sans TC, not as empty boxes', async () => {
    const page = await browser!.newPage();
    try {
      const fonts: Array<{ url: string; status: number }> = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.woff2')) fonts.push({ url: r.url(), status: r.status() });
      });
      await page.goto(new URL('/', stack!.baseUrl).toString());
      // Each character drawn with the page's own font stack and with a family no font provides
      // (the missing-glyph box on a machine without a CJK font, as this one is): the pixels must
      // differ for every character. 灣 體 廣 鬱 龜 exist only in traditional script.
      const result = (await page.evaluate(`(async () => {
        const stackFamily = getComputedStyle(document.body).fontFamily;
        const chars = ['灣', '體', '廣', '鬱', '龜'];
        const loaded = await document.fonts.load('32px ' + stackFamily, chars.join(''));
        const draw = (font, ch) => {
          const canvas = document.createElement('canvas');
          canvas.width = 48; canvas.height = 48;
          const ctx = canvas.getContext('2d');
          ctx.font = font;
          ctx.fillText(ch, 4, 38);
          return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
        };
        const drawn = chars.filter((ch) => draw('32px ' + stackFamily, ch) !== draw('32px no-such-font-rift', ch));
        return { families: loaded.map((f) => f.family), drawn };
      })()`)) as { families: string[]; drawn: string[] };
      expect(result.families).toContain('Noto Sans TC');
      expect(result.drawn).toEqual(['灣', '體', '廣', '鬱', '龜']);
      expect(fonts.some((f) => f.url.includes('noto-sans-tc'))).toBe(true);
      for (const f of fonts) {
        expect(new URL(f.url).origin).toBe(new URL(stack!.baseUrl).origin);
        expect(f.status).toBe(200);
      }
    } finally {
      await page.close();
    }
  }, 60_000);
});
