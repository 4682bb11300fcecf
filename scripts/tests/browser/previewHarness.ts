/**
 * Starts what a browser test needs: the compiled components, the built preview on a loopback
 * port, and Debian's Chromium driven by playwright-core (which never downloads a browser).
 */
import { after, before } from 'node:test';
import { spawnSync } from 'node:child_process';
import { staleCompiledModules } from '../../lib/lwcBundles.ts';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repositoryRoot } from '../../lib/project.ts';
import { buildPreview } from '../../preview/build-preview.ts';
import { startPreviewServer } from '../../preview/serve.ts';
import { buildIsCurrent, recordBuild } from './buildCache.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots are kept as test artifacts. */
export const artifactsDir = join(repositoryRoot, 'test-results', 'browser');

export class PreviewHarness {
  private server?: Server;
  private browser?: BrowserContext;
  private profileDir?: string;
  baseUrl = '';

  async start(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`
      );
    }
    if (buildIsCurrent()) {
      console.log('preview build: reused, its inputs are unchanged');
    } else {
      const started = Date.now();
      // In npm test, build:lwc has just compiled the components: compiling them again would
      // rewrite files the deploy payload test may be reading beside this stage.
      if (staleCompiledModules().length > 0) {
        const compile = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'scripts/build/build-lwc.ts'],
          { cwd: repositoryRoot, encoding: 'utf8' }
        );
        if (compile.status !== 0) {
          throw new Error(`build:lwc failed:\n${compile.stdout}${compile.stderr}`);
        }
      }
      await buildPreview();
      recordBuild();
      console.log(`preview build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    this.server = await startPreviewServer(0);
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.profileDir = mkdtempSync(join(tmpdir(), 'insights-sync-chromium-'));
    // A fresh profile per run, so no earlier state leaks into a test; without the
    // background-networking flags Chromium keeps dialling Google's hosts, which a closed network
    // refuses.
    this.browser = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    });
    mkdirSync(artifactsDir, { recursive: true });
  }

  /** A new page at the preview, failing the test on any error the page logs or throws. */
  async openPreview(pageErrors: string[]): Promise<Page> {
    if (!this.browser) {
      throw new Error('start() the harness first');
    }
    const page = await this.browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) {
        pageErrors.push(`${response.status()} ${response.url()}`);
      }
    });
    page.on('console', (message) => {
      // Failed loads are reported above with their URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
    await page.goto(`${this.baseUrl}/`);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve()
    );
    if (this.profileDir) {
      rmSync(this.profileDir, { recursive: true, force: true });
    }
  }
}

/**
 * A harness started before the tests of the enclosing `describe` and stopped after them: the
 * preview built (or reused), served and opened in one Chromium for the whole suite.
 */
export function startedHarness(): PreviewHarness {
  const harness = new PreviewHarness();
  before(async () => {
    await harness.start();
  });
  after(async () => {
    await harness.stop();
  });
  return harness;
}
