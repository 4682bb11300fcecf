/**
 * A static file server for the built preview, on the loopback interface only. `/assets/` is
 * answered from the SLDS package (stylesheets, icons, fonts) so nothing is copied.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { repositoryRoot } from '../lib/project.ts';
import { previewOutputDir } from './build-preview.ts';

const SLDS_ASSETS = join(
  repositoryRoot,
  'node_modules',
  '@salesforce-ux',
  'design-system',
  'assets'
);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
};

/** Maps a URL path into `root`, refusing anything that would climb out of it. */
function fileUnder(root: string, urlPath: string): string | null {
  const candidate = normalize(join(root, decodeURIComponent(urlPath)));
  return candidate === root || candidate.startsWith(root + sep) ? candidate : null;
}

export function startPreviewServer(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = path.startsWith('/assets/')
      ? fileUnder(SLDS_ASSETS, path.slice('/assets/'.length))
      : fileUnder(previewOutputDir, path);
    const stats = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stats?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Not found: ${url.pathname}`);
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': stats.size,
      'cache-control': 'no-store'
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
