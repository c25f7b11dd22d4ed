import { expect } from '@playwright/test';
import { OptionsPage } from '../pages/options';
import type { LoadedExtension } from './extension';
import type { Stack } from './stack';

/** Connects the extension to the stack's local project API through the options page, as a user would. */
export async function connectToStack(extension: LoadedExtension, stack: Stack, apiKey = stack.api.apiKey): Promise<void> {
  const options = await OptionsPage.open(extension);
  await options.fill({ url: stack.api.url, projectId: String(stack.api.projectId), apiKey });
  await expect(await options.save()).toHaveAttribute('data-ok', 'true');
  await options.page.close();
}
