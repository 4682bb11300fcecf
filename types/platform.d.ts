// Types of the platform modules the console uses that `@salesforce/lightning-types` leaves out.

/** Streaming API (CometD) subscriptions: platform events such as Integration_Saved__e. */
declare module 'lightning/empApi' {
  /** What a subscription delivers: the event's fields under `data.payload`. */
  export interface EmpMessage {
    channel: string;
    data: {
      event?: { replayId?: number; EventUuid?: string };
      payload: Record<string, unknown>;
    };
  }
  /** The handle `subscribe` resolves to; `unsubscribe` takes it back. */
  export interface EmpSubscription {
    channel?: string;
    id?: string;
    replayId?: number;
  }
  /** `-1` for new events only, `-2` for every stored event. */
  export function subscribe(
    channel: string,
    replayId: number,
    onMessage: (message: EmpMessage) => void
  ): Promise<EmpSubscription>;
  export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: unknown) => void
  ): Promise<unknown>;
  export function onError(callback: (error: unknown) => void): void;
  export function isEmpEnabled(): Promise<boolean>;
  export function setDebugFlag(flag: boolean): Promise<void>;
}

/**
 * `@salesforce/schema/<Object>` and `@salesforce/schema/<Object>.<Field>`: the API names as the
 * org spells them, namespace prefix included once the package has one.
 */
declare module '@salesforce/schema/*' {
  const reference: { objectApiName: string; fieldApiName?: string };
  export default reference;
}

/** `@salesforce/customPermission/<Name>`: whether the running user holds the custom permission. */
declare module '@salesforce/customPermission/*' {
  const granted: boolean | undefined;
  export default granted;
}

/**
 * `lightning/confirm` as the console calls it: lightning-types 0.8.0 declares LightningConfirm
 * without the static `open` it inherits from the overlay base class, so components cast to this.
 */
interface LightningConfirmDialog {
  open(config: {
    message: string;
    label: string;
    variant?: 'header' | 'headerless';
    theme?: 'default' | 'warning' | 'error';
  }): Promise<boolean>;
}
