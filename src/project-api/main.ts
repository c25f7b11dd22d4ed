import { parseArgs } from 'node:util';
import { createProjectApi } from './server';

/**
 * `npx tsx src/project-api/main.ts [--port 8010] [--host 127.0.0.1] [--data-dir .data/project-api]
 * [--no-compression] [--api-key phx_…] [--project-token phc_…]` — runs the local project API until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8010' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: '.data/project-api' },
      'no-compression': { type: 'boolean', default: false },
      'api-key': { type: 'string' },
      'project-token': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npx tsx src/project-api/main.ts [--port 8010] [--host 127.0.0.1] [--data-dir .data/project-api] [--no-compression] [--api-key phx_…] [--project-token phc_…]',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);

  const api = await createProjectApi({
    dataDir: values['data-dir'],
    port,
    host: values.host,
    ...(values['no-compression'] && { compression: false }),
    ...(values['api-key'] !== undefined && { apiKey: values['api-key'] }),
    ...(values['project-token'] !== undefined && { projectToken: values['project-token'] }),
  });
  console.log(`Actionlens project API listening on ${api.url}`);
  console.log(`  project id:        ${api.projectId}`);
  console.log(`  project token:     ${api.projectToken}`);
  console.log(`  personal API key:  ${api.apiKey}`);
  console.log(`  data:              ${values['data-dir']}/project-api.sqlite`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
