import type { Workspace } from '../analytics';

export const workspaces: readonly Workspace[] = [
  { id: 'acme-corp', name: 'Acme Corp', plan: 'growth' },
  { id: 'globex', name: 'Globex Corporation', plan: 'scale' },
  { id: 'initech', name: 'Initech', plan: 'starter' },
];

export const defaultWorkspace: Workspace = workspaces[0]!;
