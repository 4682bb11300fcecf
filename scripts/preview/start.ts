/**
 * `npm start` — builds the local preview and serves it on http://localhost:3000 (PORT to
 * change). It shows the console's real components with sample data; runs happen in an org.
 */
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { repositoryRoot } from '../lib/project.ts';
import { buildPreview } from './build-preview.ts';
import { startPreviewServer } from './serve.ts';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}

// The preview bundles the compiled .js of the components, so compile them first.
const compile = spawnSync(
  process.platform === 'win32' ? 'npm.cmd' : 'npm',
  ['run', '--silent', 'build:lwc'],
  {
    cwd: repositoryRoot,
    stdio: 'inherit'
  }
);
if (compile.status !== 0) {
  console.error('The components did not compile (see above); fix them and run npm start again.');
  process.exit(1);
}
const { seconds } = await buildPreview();
const server = await startPreviewServer(port).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use: stop what uses it, or run PORT=3001 npm start.`
      : `Could not start the preview server: ${error.message}`
  );
  process.exit(1);
});
const { port: actualPort } = server.address() as AddressInfo;
console.log(`Preview built in ${seconds.toFixed(1)} s.`);
console.log(`Insights Sync console preview (sample data): http://localhost:${actualPort}/`);
console.log('Press Ctrl+C to stop.');
