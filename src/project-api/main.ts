import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type FaultPlan, faultPlanSchema } from './faults';
import { createProjectApi } from './server';

/** `--faults '<json plan>'`, checked before the server starts. */
function parseFaultPlan(json: string): FaultPlan {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`--faults is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const plan = faultPlanSchema.safeParse(value);
  if (!plan.success) throw new Error(`--faults is not a fault plan:\n${z.prettifyError(plan.error)}`);
  return plan.data;
}

/**
 * `npx tsx src/project-api/main.ts [--port 8010] [--host 127.0.0.1] [--data-dir .data/project-api]
 * [--no-compression] [--api-key phx_…] [--project-token phc_…] [--faults '<json plan>']` — runs the local project API until SIGINT/SIGTERM.
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
      faults: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npx tsx src/project-api/main.ts [--port 8010] [--host 127.0.0.1] [--data-dir .data/project-api] [--no-compression] [--api-key phx_…] [--project-token phc_…] [--faults \'<json plan>\']\n' +
        '  --faults e.g. \'{"rates":{"serverError":0.1,"rateLimit":0.05,"slow":0.05},"seed":7}\' (see src/project-api/README.md)',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const faults = values.faults === undefined ? undefined : parseFaultPlan(values.faults);

  const api = await createProjectApi({
    dataDir: values['data-dir'],
    port,
    host: values.host,
    ...(values['no-compression'] && { compression: false }),
    ...(values['api-key'] !== undefined && { apiKey: values['api-key'] }),
    ...(values['project-token'] !== undefined && { projectToken: values['project-token'] }),
    ...(faults && { faults }),
  });
  console.log(`Actionlens project API listening on ${api.url}`);
  console.log(`  project id:        ${api.projectId}`);
  console.log(`  project token:     ${api.projectToken}`);
  console.log(`  personal API key:  ${api.apiKey}`);
  console.log(`  data:              ${values['data-dir']}/project-api.sqlite`);
  if (faults) {
    console.log(`  FAULTS ON:         ${JSON.stringify(faults)}`);
    api.faults.watch((entry) => {
      if (!entry.fault) return;
      const answer = entry.status ?? (entry.clientAborted ? 'client left' : 'dropped');
      const ran = entry.committed ? `, after the handler answered ${entry.handlerStatus}` : '';
      console.log(`[faults] ${entry.method} ${entry.path} → ${entry.fault}${entry.inWindow ? ' (window)' : ''}: ${answer}${ran}, ${(entry.end ?? entry.start) - entry.start} ms`);
    });
  }

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
