// Runs the demo site on its own:
//   npx tsx src/demo-site/main.ts --api-host http://127.0.0.1:8010 --token phc_… [--port 8020] [--host 127.0.0.1]
import { parseArgs } from 'node:util';
import { startDemoSite } from './server';

const { values } = parseArgs({
  options: {
    'api-host': { type: 'string' },
    token: { type: 'string' },
    port: { type: 'string', default: '8020' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const apiHost = values['api-host'];
const projectToken = values.token;
const port = Number(values.port);
if (!apiHost || !projectToken || !Number.isInteger(port) || port < 0) {
  console.error('usage: tsx src/demo-site/main.ts --api-host <url> --token <phc_…> [--port 8020] [--host 127.0.0.1]');
  process.exit(2);
}

const site = await startDemoSite({ apiHost, projectToken, port, host: values.host });
console.log(`Demo site: ${site.url}  (sending to ${apiHost})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void site.close().then(() => process.exit(0));
  });
}
