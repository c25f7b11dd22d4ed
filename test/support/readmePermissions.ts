import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The manifest keys that ask the browser for something: each entry must be explained in the README. */
export const PERMISSION_KEYS = ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions'] as const;

/** Every permission and host pattern a manifest asks for, optional ones included. */
export function requestedPermissions(manifest: Record<string, unknown>): string[] {
  return PERMISSION_KEYS.flatMap((key) => (manifest[key] as string[] | undefined) ?? []);
}

/**
 * What the README's "Permissions" section explains: the `code` names in the first cell of each row
 * of its table (`| \`storage\` | why … |`).
 */
export function explainedPermissions(readme = readFileSync(resolve('README.md'), 'utf8')): string[] {
  const start = readme.search(/^## Permissions\b/m);
  if (start < 0) throw new Error('README.md has no "## Permissions" section');
  const rest = readme.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const rows = section.split('\n').filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line));
  // The header row names no permission in code, so it adds nothing.
  return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}
