// One real stack and one browser for a test file: started before its tests, closed after them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestStack, type TestStack, type TestStackOptions } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

export interface StackAndBrowser {
  readonly stack: TestStack;
  readonly browser: Browser;
}

export function useStackAndBrowser(options: TestStackOptions | (() => TestStackOptions)): StackAndBrowser {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    stack = await startTestStack(typeof options === 'function' ? options() : options);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the test stack is not started (beforeAll has not run)');
      return stack;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (beforeAll has not run)');
      return browser;
    },
  };
}
