import { LightningElement, api } from 'lwc';

type CatalogField = InsightsSync.CatalogField;

/** `Reset_Mode__c`: clear the mapped fields. */
export const RESET_CLEAR = 'Clear';
/** `Reset_Mode__c`: set the mapped fields to the chosen value. */
export const RESET_SET_TO_VALUE = 'Set to value';

/** Detail of the `resetchange` event: the reset as the definition carries it. */
export interface ResetChangeDetail {
  /** The stamp field's API name; empty when the reset is off (or no field is chosen yet). */
  resetStampField: string;
  /** `Clear` or `Set to value`; empty when the reset is off. */
  resetMode: string;
  /** The value to set; empty unless the mode is `Set to value`. */
  resetValue: string;
}

/** A mode as the definition spells it: `Set to value`, or `Clear` for anything else. */
function modeOf(value: string | undefined): string {
  return value === RESET_SET_TO_VALUE ? RESET_SET_TO_VALUE : RESET_CLEAR;
}

interface ComboboxOption {
  label: string;
  value: string;
}

/**
 * The reset of values that left the report, one integration's choice. Opting in asks for the
 * stamp: a Date/Time field of the target object, editable and not mapped, that every run writes
 * its start time to on each record it matches. After a run that completes without errors, the
 * mapped fields of records whose stamp is older are cleared, or set to a value, and their stamp
 * is cleared. A sentence says exactly that, for the object and fields chosen.
 *
 * Properties in: the target object's updateable fields (`fields`, as describeObject gives
 * them), its label, the mapped fields' API names, the key field, and the stored reset
 * (`stampField`, `mode`, `value`). Event out: `resetchange` with ResetChangeDetail on every
 * change; the reset is off in it until a stamp field is chosen.
 */
export default class StaleValueReset extends LightningElement {
  /** The target object's fields the user can update (describeObject's `fields`). */
  @api fields: CatalogField[] = [];
  /** The target object's label, such as Lead. */
  @api objectLabel = '';
  /** The API names of the mapped fields. */
  @api mappedFields: string[] = [];
  /** The key field's API name (never a stamp). */
  @api keyField = '';

  private chosenStamp = '';
  private chosenMode = RESET_CLEAR;
  private chosenValue = '';
  /** The box is ticked; the reset is on once a stamp field is chosen too. */
  optedIn = false;

  /** The stamp field as stored; a stored one ticks the box (Edit shows the reset again). */
  @api
  get stampField(): string {
    return this.chosenStamp;
  }
  set stampField(value: string | undefined) {
    this.chosenStamp = value ?? '';
    if (this.chosenStamp !== '') {
      this.optedIn = true;
    }
  }

  /** `Clear` (also when blank) or `Set to value`. */
  @api
  get mode(): string {
    return this.chosenMode;
  }
  set mode(value: string | undefined) {
    this.chosenMode = modeOf(value);
  }

  /** The value to set, with `Set to value`. */
  @api
  get value(): string {
    return this.chosenValue;
  }
  set value(value: string | undefined) {
    this.chosenValue = value ?? '';
  }

  // ----- what the template shows

  get stampOptions(): ComboboxOption[] {
    const taken = new Set(
      [...(this.mappedFields ?? []), this.keyField ?? ''].map((name) => name.toLowerCase())
    );
    return (this.fields ?? [])
      .filter((field) => field.type === 'DATETIME' && !taken.has(field.apiName.toLowerCase()))
      .map((field) => ({ label: `${field.label} (${field.apiName})`, value: field.apiName }));
  }

  get hasStampOptions(): boolean {
    return this.stampOptions.length > 0;
  }

  get noStampText(): string {
    const object = this.objectName;
    return (
      `${object} has no Date/Time field you can edit that is not mapped. Ask your Salesforce ` +
      `admin for one, such as "Last Synced from WalkMe", then choose it here.`
    );
  }

  get modeOptions(): ComboboxOption[] {
    return [
      { label: 'Clear the mapped fields', value: RESET_CLEAR },
      { label: 'Set the mapped fields to a value', value: RESET_SET_TO_VALUE }
    ];
  }

  get isSetToValue(): boolean {
    return this.chosenMode === RESET_SET_TO_VALUE;
  }

  /** What runs will do, in the words of the object and fields chosen; empty until complete. */
  get sentence(): string {
    if (!this.optedIn || this.chosenStamp === '') {
      return '';
    }
    const object = this.objectName;
    const stamp = this.labelOf(this.chosenStamp);
    const mapped = (this.mappedFields ?? []).map((name) => this.labelOf(name));
    const fields = mapped.length > 0 ? ` (${mapped.join(', ')})` : '';
    const action = this.isSetToValue ? `set to "${this.chosenValue.trim()}"` : 'cleared';
    return (
      `Each run stamps ${stamp} on every ${object} it matches, so every matched ${object} is ` +
      `saved on every run, also when no value changes: its triggers, flows and validation ` +
      `rules run and its Last Modified Date moves each time. ` +
      `After a run that completes without errors, the mapped fields${fields} of ${object}s ` +
      `whose stamp is older are ${action}, and their stamp is cleared, so each is reset once. ` +
      `${object}s never stamped are left alone; a run that fails or has errors resets nothing.`
    );
  }

  // ----- changes

  handleOptInChange(event: CustomEvent<{ checked: boolean }>): void {
    this.optedIn = event.detail.checked;
    this.notify();
  }

  handleStampChange(event: CustomEvent<{ value: string }>): void {
    this.chosenStamp = event.detail.value ?? '';
    this.notify();
  }

  handleModeChange(event: CustomEvent<{ value: string }>): void {
    this.chosenMode = modeOf(event.detail.value);
    this.notify();
  }

  handleValueChange(event: CustomEvent<{ value: string }>): void {
    this.chosenValue = event.detail.value ?? '';
    this.notify();
  }

  private get objectName(): string {
    return this.objectLabel || 'record';
  }

  private labelOf(apiName: string): string {
    const field = (this.fields ?? []).find(
      (candidate) => candidate.apiName.toLowerCase() === apiName.toLowerCase()
    );
    return field ? field.label : apiName;
  }

  private notify(): void {
    const on = this.optedIn && this.chosenStamp !== '';
    this.dispatchEvent(
      new CustomEvent<ResetChangeDetail>('resetchange', {
        detail: {
          resetStampField: on ? this.chosenStamp : '',
          resetMode: on ? this.chosenMode : '',
          resetValue: on && this.isSetToValue ? this.chosenValue : ''
        }
      })
    );
  }
}
