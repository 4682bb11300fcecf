/**
 * The preview's stand-in for the package's Apex controllers and for the org's event bus: every
 * `@salesforce/apex/Class.method` import of a component is answered here from sample data, after
 * a short delay so loading states show as they do in an org. A method without a sample answer
 * fails the way an Apex error reaches a component (`{ body: { message } }`), naming the method.
 *
 * Platform events published here (`publish`) reach the subscribers of the preview's
 * `lightning/empApi` (preview/modules/lightning/empApi) a moment later, as CometD delivers them.
 */

type Handler = (params: Record<string, unknown>) => unknown;

const handlers = new Map<string, Handler>();
const LATENCY_MS = 150;
/** How long an event takes from its publication to the browser's subscribers. */
export const EVENT_LATENCY_MS = 250;

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

/** An event as a streaming subscription delivers it. */
export interface EventMessage {
  channel: string;
  data: {
    event: { replayId: number };
    payload: Record<string, unknown>;
  };
}

type EventListener = (message: EventMessage) => void;

interface Listener {
  channel: string;
  /** The replay id of the last event published before it subscribed: it hears only later ones. */
  after: number;
  onMessage: EventListener;
}

const listeners = new Set<Listener>();
let lastReplayId = 0;

/**
 * Subscribes to a channel for events published from now on (replay id -1).
 * @returns what unsubscribes
 */
export function listen(channel: string, onMessage: EventListener): () => void {
  const listener: Listener = { channel, after: lastReplayId, onMessage };
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Publishes a platform event, e.g. `publish('/event/Integration_Saved__e', { Success__c: true })`.
 * It reaches the channel's subscribers asynchronously, after EVENT_LATENCY_MS, each with its own
 * copy; a subscriber that unsubscribed meanwhile hears nothing.
 */
export function publish(channel: string, payload: Record<string, unknown>): void {
  lastReplayId += 1;
  const replayId = lastReplayId;
  // Not a component: the delay imitates the event bus and the streaming connection.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  setTimeout(() => {
    for (const listener of [...listeners]) {
      if (listener.channel === channel && listener.after < replayId && listeners.has(listener)) {
        listener.onMessage({
          channel,
          data: { event: { replayId }, payload: structuredClone(payload) }
        });
      }
    }
  }, EVENT_LATENCY_MS);
}
