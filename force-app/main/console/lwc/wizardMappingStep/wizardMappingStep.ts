import { LightningElement, api } from 'lwc';
import { asMessageItems, type MessageItem } from 'c/syncFormat';
import { mappingOf, passOn, type MappingStepChangeDetail } from 'c/wizardRules';
import type { TemplatePair } from 'c/mappingRules';
import type { SyncPoliciesDetail } from 'c/syncPolicies';
import type { ResetChangeDetail } from 'c/staleValueReset';

type FieldMapping = InsightsSync.FieldMapping;

/** The editor the step embeds; `autoMap` proposes rows from names and labels. */
type MappingEditorElement = HTMLElement & { autoMap(): unknown };

/** Elements the step moves the focus to. */
type Focusable = HTMLElement & { focus(): void };

/**
 * The field mapping step of the integration wizard: what is mapped onto what and on which key
 * pair, why the column-type table could not be read, and c-mapping-editor with the rows. Whatever
 * the wizard slots in (its Preview) follows the editor.
 *
 * @fires mappingchange when the editor's rows changed, with `{ mappings, completeMappings }`
 * @fires policychange when the admin changes a sync policy, with `{ matchPolicy, blankValuePolicy }`
 * @fires resetchange when the admin changes the reset of values that left the report
 */
export default class WizardMappingStep extends LightningElement {
  /** The name of the report the integration reads. */
  @api reportName = '';
  /** The label of the object the integration updates. */
  @api objectLabel = '';
  /** The report column holding each row's key. */
  @api reportKeyColumn = '';
  /** The object's field holding the same key. */
  @api objectKeyField = '';
  /** The columns of the report. */
  @api columns: InsightsSync.ReportColumn[] = [];
  /** The fields of the object. */
  @api fields: InsightsSync.CatalogField[] = [];
  /** Which field types each column type may be written to. */
  @api compatibility: Record<string, string[]> = {};
  /** Why the column-type table could not be read, one message a line. */
  @api compatibilityErrors: string[] = [];
  /** The rows handed to the editor; setting them replaces its rows. */
  @api mappings: FieldMapping[] = [];
  /** The chosen ready-made report's column → field pairs, which Auto-map tries first. */
  @api templatePairs: TemplatePair[] = [];
  /** What a run does with a key shared by several records ('Update all' / 'Skip and report'). */
  @api matchPolicy = '';
  /** What a run does with a blank report value ('Leave as is' / 'Clear'). */
  @api blankValuePolicy = '';
  /** The fields the complete rows write, which the reset's stamp cannot be. */
  @api mappedFields: string[] = [];
  /** The reset's stamp field ('' when the reset is off), its mode and the value it sets. */
  @api resetStampField = '';
  @api resetMode = '';
  @api resetValue = '';

  /** Lets the editor propose rows from the names and labels of the columns and fields. */
  @api
  autoMap(): void {
    this.template?.querySelector<MappingEditorElement>('c-mapping-editor')?.autoMap();
  }

  /** Moves the focus to the step's heading. */
  @api
  focusHeading(): void {
    this.template?.querySelector<Focusable>('[data-id="heading-mapping"]')?.focus();
  }

  get summary(): string {
    return (
      `${this.reportName} → ${this.objectLabel}, matched on ${this.reportKeyColumn} = ` +
      `${this.objectKeyField}`
    );
  }

  get compatibilityErrorItems(): MessageItem[] {
    return asMessageItems(this.compatibilityErrors ?? []);
  }

  get hasCompatibilityErrors(): boolean {
    return (this.compatibilityErrors ?? []).length > 0;
  }

  /** c-sync-policies' `policychange` and c-stale-value-reset's `resetchange`. */
  handleChildChange(event: CustomEvent<SyncPoliciesDetail | ResetChangeDetail>): void {
    passOn(this, event);
  }

  handleMappingChange(event: CustomEvent<Partial<MappingStepChangeDetail>>): void {
    event.stopPropagation();
    const detail: MappingStepChangeDetail = {
      mappings: (event.detail?.mappings ?? []).map(mappingOf),
      completeMappings: event.detail?.completeMappings?.map(mappingOf)
    };
    this.dispatchEvent(new CustomEvent<MappingStepChangeDetail>('mappingchange', { detail }));
  }
}
