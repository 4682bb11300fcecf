import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import getSaveEventChannel from '@salesforce/apex/IntegrationController.getSaveEventChannel';
import { apexErrorMessages } from 'c/syncFormat';

/** One finished deployment of an integration: a save, a pause, a resume or an archive. */
export interface IntegrationSave {
  developerName: string;
  deployJobId: string;
  success: boolean;
  /** A confirmation, or each deployment error on its own line. */
  message: string;
}

/** Ends a subscription; calling it twice does nothing more. */
export type StopListening = () => Promise<void>;

/** The channel of `Integration_Saved__e` and its payload keys, as the org spells them. */
export type SaveEventNames = InsightsSync.SaveEventChannel;

/** Only events published after subscribing: an earlier save is not the one being waited for. */
const NEW_EVENTS_ONLY = -1;

/**
 * Why listening could not start when the Apex did not say where to listen. Its reason, when it
 * gave one, follows on the next line.
 */
export const NO_CHANNEL_MESSAGE =
  'The console could not find out on which channel Salesforce reports finished saves.';

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isComplete(names: SaveEventNames | undefined): names is SaveEventNames {
  return (
    names !== undefined &&
    names !== null &&
    [
      names.channel,
      names.developerNameField,
      names.deployJobIdField,
      names.successField,
      names.messageField
    ].every((name) => typeof name === 'string' && name !== '')
  );
}

/**
 * The channel and payload keys of `Integration_Saved__e` in this org, from the Apex (describe).
 * In a managed package they carry the namespace (`/event/ns__Integration_Saved__e`), which a
 * `@salesforce/schema` import of a platform event does not reliably give.
 *
 * @throws Error saying that the channel is unknown, with the Apex's reason, when it cannot tell
 */
export async function loadSaveEventNames(): Promise<SaveEventNames> {
  let names: SaveEventNames | undefined;
  try {
    names = await getSaveEventChannel();
  } catch (error) {
    throw new Error([NO_CHANNEL_MESSAGE, ...apexErrorMessages(error)].join('\n'));
  }
  if (!isComplete(names)) {
    throw new Error(NO_CHANNEL_MESSAGE);
  }
  return names;
}

/** The save an `Integration_Saved__e` message reports, read with the org's payload keys. */
export function readSave(message: EmpMessage, names: SaveEventNames): IntegrationSave {
  const payload = message.data?.payload ?? {};
  return {
    developerName: asText(payload[names.developerNameField]),
    deployJobId: asText(payload[names.deployJobIdField]),
    success: payload[names.successField] === true,
    message: asText(payload[names.messageField])
  };
}

/**
 * Whether two deployment ids name the same job. Apex hands the console an 18-character Id while
 * the event may carry the 15-character form, so only the case-sensitive first 15 count.
 */
export function isSameJob(first: string | undefined, second: string | undefined): boolean {
  if (!first || !second) {
    return false;
  }
  return first.slice(0, 15) === second.slice(0, 15);
}

/**
 * Calls `onSave` for every integration deployment that finishes from now on. Subscribe before
 * starting a save: the event can arrive before the Apex call that started the deployment returns.
 * The channel and payload keys come from the Apex first (loadSaveEventNames).
 *
 * @param onSave called once per finished deployment
 * @param onStreamError called when the streaming connection fails, so the caller can stop waiting
 * @returns a function that ends the subscription
 * @throws Error when the channel is unknown (NO_CHANNEL_MESSAGE) or the subscription is refused
 */
export async function listenForSaves(
  onSave: (save: IntegrationSave) => void,
  onStreamError?: (error: unknown) => void
): Promise<StopListening> {
  const names = await loadSaveEventNames();
  if (onStreamError) {
    // empApi keeps one error handler for the page: the latest caller's is the one called.
    onError(onStreamError);
  }
  const subscription = await subscribe(names.channel, NEW_EVENTS_ONLY, (message) =>
    onSave(readSave(message, names))
  );
  let stopped = false;
  return async () => {
    if (stopped) {
      return;
    }
    stopped = true;
    await unsubscribe(subscription);
  };
}
