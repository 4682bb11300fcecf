/**
 * The preview's stand-in for the package's Apex controllers: every `@salesforce/apex/Class.method`
 * import of a component is answered here from sample data, after a short delay so loading
 * states show as they do in an org. A method without a sample answer fails the way an Apex
 * error reaches a component (`{ body: { message } }`), naming the method.
 */

type Handler = (params: Record<string, unknown>) => unknown;

const handlers = new Map<string, Handler>();
const LATENCY_MS = 150;

/** Registers the sample answer of one Apex method, e.g. `IntegrationController.getIntegrations`. */
export function answer(method: string, handler: Handler): void {
  handlers.set(method, handler);
}

/** Called by the generated `@salesforce/apex/*` modules. */
export function callApex(method: string, params: unknown): Promise<unknown> {
  const handler = handlers.get(method);
  return new Promise((resolve, reject) => {
    // Not a component: this stands in for the network, whose latency is what the delay imitates.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(() => {
      if (!handler) {
        reject({ body: { message: `The preview has no sample answer for ${method}.` } });
        return;
      }
      try {
        resolve(structuredClone(handler((params ?? {}) as Record<string, unknown>)));
      } catch (error) {
        reject({ body: { message: error instanceof Error ? error.message : String(error) } });
      }
    }, LATENCY_MS);
  });
}
