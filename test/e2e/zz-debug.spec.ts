import { expect, test } from '@playwright/test';
import { launchExtension } from './support/extension';
import { startPosthogSite } from './support/posthogSite';
import { readTabEvents } from './support/tabBuffer';
import { tabIdOf } from './support/extension';

test('debug stop', async () => {
  const extension = await launchExtension();
  const site = await startPosthogSite('posthog-js');
  const t0 = Date.now();
  for (const wait of [-1, 2000, -1, 0]) {
    const page = await extension.context.newPage();
    page.on('console', (m) => console.log(Date.now() - t0, '[console]', m.text()));
    await page.goto(site.url);
    const tabId = await tabIdOf(extension, site.url);
    await page.waitForTimeout(1000);
    if (wait >= 0) await extension.stopWorker();
    await page.waitForTimeout(Math.max(wait, 0));
    await page.evaluate((n) => (window as any).posthog.capture(n), `left_${wait}`);
    await page.goto(site.url + 'next');
    await page.waitForTimeout(3000);
    const held = (await readTabEvents(extension, tabId)).events.map((e) => e.event);
    console.log(wait, 'buffer', held);
    await page.close();
  }
  console.log('server', site.received.map((e) => e.event));
  await extension.close();
  await site.close();
});
