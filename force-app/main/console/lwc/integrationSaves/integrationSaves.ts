import { onError, subscribe, unsubscribe, type EmpMessage } from 'lightning/empApi';
import SAVED_EVENT from '@salesforce/schema/Integration_Saved__e';
import DEVELOPER_NAME_FIELD from '@salesforce/schema/Integration_Saved__e.Developer_Name__c';
import DEPLOY_JOB_ID_FIELD from '@salesforce/schema/Integration_Saved__e.Deploy_Job_Id__c';
import SUCCESS_FIELD from '@salesforce/schema/Integration_Saved__e.Success__c';
import MESSAGE_FIELD from '@salesforce/schema/Integration_Saved__e.Message__c';

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

/** Only events published after subscribing: an earlier save is not the one being waited for. */
const NEW_EVENTS_ONLY = -1;

// Schema imports carry the names as the org spells them, so the channel and payload keys gain the
// package's namespace prefix without code knowing it.
const CHANNEL = `/event/${SAVED_EVENT.objectApiName}`;
const FIELD_KEYS = {
  developerName: DEVELOPER_NAME_FIELD.fieldApiName ?? 'Developer_Name__c',
  deployJobId: DEPLOY_JOB_ID_FIELD.fieldApiName ?? 'Deploy_Job_Id__c',
  success: SUCCESS_FIELD.fieldApiName ?? 'Success__c',
  message: MESSAGE_FIELD.fieldApiName ?? 'Message__c'
};

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The save an `Integration_Saved__e` message reports. */
export function readSave(message: EmpMessage): IntegrationSave {
  const payload = message.data?.payload ?? {};
  return {
    developerName: asText(payload[FIELD_KEYS.developerName]),
    deployJobId: asText(payload[FIELD_KEYS.deployJobId]),
    success: payload[FIELD_KEYS.success] === true,
    message: asText(payload[FIELD_KEYS.message])
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
 *
 * @param onSave called once per finished deployment
 * @param onStreamError called when the streaming connection fails, so the caller can stop waiting
 * @returns a function that ends the subscription
 */
export async function listenForSaves(
  onSave: (save: IntegrationSave) => void,
  onStreamError?: (error: unknown) => void
): Promise<StopListening> {
  if (onStreamError) {
    // empApi keeps one error handler for the page: the latest caller's is the one called.
    onError(onStreamError);
  }
  const subscription = await subscribe(CHANNEL, NEW_EVENTS_ONLY, (message) =>
    onSave(readSave(message))
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

/** The channel the console listens on, e.g. `/event/Integration_Saved__e`. */
export const SAVED_CHANNEL = CHANNEL;
