/**
 * axe-core in the preview: its source injected into the page (no network), run on the whole
 * document, each violation node classified by whose markup holds it.
 *
 * The preview renders with LWC synthetic shadow (preview/main.ts), as Lightning Experience does:
 * each component's markup is light DOM behind a patched `shadowRoot`, and axe walks it as it walks
 * open shadow roots. A node belongs to the template of the host of its root (`getRootNode().host`):
 * content a component puts in a base component's slot stays the component's own markup.
 *
 * - own markup: the node sits in the page or in a package component's template (`c-*`), or it
 *   sits inside a base component but carries a text the package handed to it (see `handedOver`),
 *   as `aria-label={...}` on a `lightning-button` becomes the inner `<button>`'s `aria-label`.
 * - base component: the node sits in the markup of a `lightning-*` component; named by the
 *   outermost `lightning-*` host of its chain (the one a package template uses) and the package
 *   component whose template uses it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** axe's selector, one part per shadow root from the document down, joined by ` >>> `. */
  target: string;
  /** The node's opening markup, cut at 160 characters. */
  html: string;
  /** What axe says to fix, one line. */
  summary: string;
  /** `own` or `base`. */
  kind: 'own' | 'base';
  /** The template holding the node: `page`, a `c-*` component, or a `lightning-*` one. */
  owner: string;
  /** For `base`: the `lightning-*` component the package's markup uses, which holds the node. */
  component?: string;
  /** For `base`: the package component (or `page`) whose template uses `component`. */
  usedIn?: string;
  /** For `own` inside a base component: the host attribute whose text the node carries. */
  handedOver?: string;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs in the page. Plain JavaScript in a string: code handed to `page.evaluate` from a tsx
 * module must not declare named functions (tsx wraps them in a helper that exists only in Node).
 *
 * `handedOver`: a base component copies some of its public properties onto its inner elements
 * (`aria-label`, `title`, `alternative-text` → `aria-label`/`title`/`alt`). The package sets them
 * in its template, as attributes or properties of the host. When the failing node's own
 * name-giving attribute holds exactly the text of one of them, the text (and so the finding) is
 * the package's. Only name-giving attributes count: a label the package passes is shown by the
 * base component as it chooses.
 */
const classifier = `
window.__insightsAxe = async (rules) => {
  const NAMING = ['aria-label', 'title', 'alt', 'placeholder'];
  const HANDED = ['aria-label', 'title', 'alternative-text', 'assistive-text', 'placeholder'];
  const options = { elementRef: true, resultTypes: ['violations'] };
  if (rules) options.runOnly = { type: 'rule', values: rules };
  const results = await window.axe.run(document, options);
  const findings = [];
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      const element = node.element;
      const hosts = [];
      let current = element;
      for (;;) {
        const root = current && current.getRootNode ? current.getRootNode() : null;
        if (!root || !root.host) break;
        hosts.push(root.host);
        current = root.host;
      }
      const tag = (host) => host.localName;
      const owner = hosts.length > 0 ? tag(hosts[0]) : 'page';
      const finding = {
        rule: violation.id,
        impact: violation.impact || '',
        help: violation.help,
        target: node.target.map((part) => Array.isArray(part) ? part.join(' >>> ') : String(part)).join(' | '),
        html: node.html.replace(/\\s+/g, ' ').slice(0, 160),
        summary: (node.failureSummary || '').replace(/\\s+/g, ' ').trim(),
        kind: 'own',
        owner
      };
      if (owner.startsWith('lightning-')) {
        let index = 0;
        while (index + 1 < hosts.length && tag(hosts[index + 1]).startsWith('lightning-')) index += 1;
        const base = hosts[index];
        const texts = NAMING.map((name) => element && element.getAttribute ? element.getAttribute(name) : null)
          .filter((value) => value);
        const handed = HANDED.find((name) => {
          const property = name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
          const value = base.getAttribute(name) || base[property];
          return typeof value === 'string' && value !== '' && texts.includes(value);
        });
        if (handed) {
          finding.handedOver = tag(base) + ' ' + handed;
        } else {
          finding.kind = 'base';
        }
        finding.component = tag(base);
        finding.usedIn = index + 1 < hosts.length ? tag(hosts[index + 1]) : 'page';
      }
      findings.push(finding);
    }
  }
  return findings;
};
`;

/** Puts axe-core and the classifier into the page once; later calls find them there. */
export async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(
    () => typeof (window as unknown as { __insightsAxe?: unknown }).__insightsAxe === 'function'
  );
  if (!present) {
    await page.addScriptTag({ content: axeSource });
    await page.addScriptTag({ content: classifier });
  }
}

/** axe on the whole document as it is now, every violation node classified. */
export async function runAxe(page: Page, rules?: readonly string[]): Promise<AxeFinding[]> {
  await injectAxe(page);
  return page.evaluate(
    (only) =>
      (
        window as unknown as { __insightsAxe: (rules?: string[]) => Promise<AxeFinding[]> }
      ).__insightsAxe(only),
    rules ? [...rules] : undefined
  );
}

/** One line per finding: rule, help, where, whose. */
export function describeFinding(finding: AxeFinding): string {
  const whose =
    finding.kind === 'base'
      ? `inside ${finding.component} (used in ${finding.usedIn})`
      : finding.handedOver
        ? `text handed to ${finding.handedOver} by ${finding.usedIn}`
        : `in ${finding.owner}`;
  return `${finding.rule} (${finding.impact}): ${finding.help} — ${whose}\n    at ${finding.target}\n    ${finding.html}\n    ${finding.summary}`;
}
