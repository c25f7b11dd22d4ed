import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoSite } from '../../../src/demo-site/server';
import { createProjectApi, type ProjectApi } from '../../../src/project-api/server';

export interface Stack {
  api: ProjectApi;
  demo: { url: string; close(): Promise<void> };
  close(): Promise<void>;
}

/** The real local project API (fresh data dir) and the real demo site pointed at it. */
export async function startStack(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-api-'));
  const api = await createProjectApi({ dataDir, port: 0 });
  const demo = await startDemoSite({ port: 0, apiHost: api.url, projectToken: api.projectToken });
  return {
    api,
    demo,
    async close() {
      await demo.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
