import { expect } from '@playwright/test';
import type { Stack } from '../../e2e/support/stack';
import { OptionsPage } from '../pages/options';
import type { FirefoxExtension } from './firefox';

/** Connects the extension to the stack's local project API through the options page, as a user would. */
export async function connectToStack(extension: FirefoxExtension, stack: Stack, apiKey = stack.api.apiKey): Promise<void> {
  const options = await OptionsPage.open(extension);
  await options.fill({ url: stack.api.url, projectId: String(stack.api.projectId), apiKey });
  await options.save();
  await expect.poll(async () => (await options.result())?.ok).toBe('true');
  await options.page.close();
}
