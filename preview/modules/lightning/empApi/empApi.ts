/**
 * The preview's `lightning/empApi`: subscriptions to platform event channels, fed by the sample
 * backend's `publish` (preview/backend) instead of CometD, with the module's API as
 * types/platform.d.ts declares it. Only new events are delivered, whatever the replay id: the
 * preview keeps no stored events to replay.
 */
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import { listen } from 'preview/backend';

const stops = new Map<string, () => void>();
let onStreamError: ((error: unknown) => void) | undefined;
let debugging = false;
let subscriptionCount = 0;

/** Platform event channels look like `/event/Name__e`; the preview streams nothing else. */
const EVENT_CHANNEL = /^\/event\/[A-Za-z][A-Za-z0-9_]*__e$/;

export function subscribe(
  channel: string,
  replayId: number,
  onMessage: (message: EmpMessage) => void
): Promise<EmpSubscription> {
  if (!EVENT_CHANNEL.test(channel)) {
    const error = { error: `400::The channel ${channel} is not a platform event channel.` };
    onStreamError?.(error);
    return Promise.reject(error);
  }
  subscriptionCount += 1;
  const id = `preview-subscription-${subscriptionCount}`;
  stops.set(
    id,
    listen(channel, (message) => {
      if (debugging) {
        console.info(`empApi: ${channel}`, message);
      }
      onMessage(message);
    })
  );
  return Promise.resolve({ id, channel, replayId });
}

export function unsubscribe(
  subscription: EmpSubscription,
  callback?: (response: unknown) => void
): Promise<unknown> {
  const stop = subscription?.id ? stops.get(subscription.id) : undefined;
  if (stop) {
    stop();
    stops.delete(subscription.id as string);
  }
  const response = { successful: stop !== undefined, subscription: subscription?.channel };
  callback?.(response);
  return Promise.resolve(response);
}

/** One handler for the page, as in Lightning: the latest registered is the one called. */
export function onError(callback: (error: unknown) => void): void {
  onStreamError = callback;
}

export function isEmpEnabled(): Promise<boolean> {
  return Promise.resolve(true);
}

export function setDebugFlag(flag: boolean): Promise<void> {
  debugging = flag;
  return Promise.resolve();
}
