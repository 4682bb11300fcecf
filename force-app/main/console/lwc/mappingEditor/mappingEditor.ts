import { LightningElement, api } from 'lwc';
import {
  autoMap,
  canBeEmpty,
  fieldChoices,
  findField,
  isComplete,
  isCompatible,
  mappingProblem,
  toFieldMapping,
  type MappingRow,
  type TemplatePair
} from 'c/mappingRules';

type CatalogField = InsightsSync.CatalogField;
type ReportColumn = InsightsSync.ReportColumn;
type FieldMapping = InsightsSync.FieldMapping;
type CompatibilityTable = Readonly<Record<string, readonly string[]>>;

/** Detail of the `mappingchange` event. */
export interface MappingChangeDetail {
  /** Every row, in order, complete or not. */
  mappings: FieldMapping[];
  /** The rows a save keeps: a column, its type and a field the rules allow. */
  completeMappings: FieldMapping[];
}

interface ComboboxOption {
  label: string;
  value: string;
  description?: string;
}

/** What the template shows of a row; computed once per change, never per getter call. */
interface RowView {
  key: string;
  column?: string;
  field?: string;
  columnOptions: ComboboxOption[];
  fieldOptions: ComboboxOption[];
  fieldDisabled: boolean;
  fieldPlaceholder: string;
  columnBoxLabel: string;
  fieldBoxLabel: string;
  removeLabel: string;
  /** Whether the row offers "Only fill when empty": it has a field that can be empty. */
  showOnlyWhenEmpty: boolean;
  onlyWhenEmpty: boolean;
  /** Names the field, e.g. "Only fill WalkMe Logins when empty". */
  onlyWhenEmptyLabel: string;
  statusText: string;
  statusClass: string;
}

interface Focusable {
  focus(): void;
}

/** Where renderedCallback moves the focus: a row's column box, or the Add Column button. */
type FocusTarget = { rowKey: string } | 'add-column';

/** A set that leaves out one row's own field unless another row maps it too. */
class OtherRowsUse {
  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly own: string
  ) {}

  has(name: string): boolean {
    const count = this.counts.get(name) ?? 0;
    return name === this.own ? count > 1 : count > 0;
  }
}

function lowerName(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

function sameOptions(first: readonly ComboboxOption[], second: readonly ComboboxOption[]): boolean {
  return first.length === second.length && first.every((option, index) => option === second[index]);
}

function sameRows(rows: readonly MappingRow[], mappings: readonly FieldMapping[]): boolean {
  return (
    rows.length === mappings.length &&
    rows.every(
      (row, index) =>
        (row.column ?? '') === (mappings[index].column ?? '') &&
        (row.columnType ?? '') === (mappings[index].columnType ?? '') &&
        (row.field ?? '') === (mappings[index].field ?? '') &&
        (row.onlyWhenEmpty === true) === (mappings[index].onlyWhenEmpty === true)
    )
  );
}

const EMPTY_SIGNATURE = JSON.stringify({ mappings: [], completeMappings: [] });

/**
 * The field mapping of an integration: rows of report column → object field. A row's field box
 * offers only the fields the rules of c/mappingRules allow; a search box filters every row's
 * fields by label or API name; Add Column adds a row, the X on a row removes it, and Auto-map
 * proposes fields by the chosen template's pairs, then by name, label and the recommended
 * `WalkMe_` prefix. A row with a field that can be empty (any but a checkbox) offers "Only fill
 * <field> when empty": the run then writes the field only on records where it is blank.
 *
 * The object can have 800 fields and the report 200 columns, so every box's options are worked
 * out once per change (and kept as the same array when unchanged, so the box does not rebuild
 * its list), not in getters the template calls.
 *
 * @fires mappingchange after every change of the rows (and once after `mappings` is set), with
 * `{ mappings, completeMappings }`; it does not bubble.
 */
export default class MappingEditor extends LightningElement {
  /** The rows as the template shows them. */
  rowViews: RowView[] = [];
  search = '';
  autoMapMessage = '';
  completeCountText = '';

  private rows: MappingRow[] = [];
  private reportColumns: readonly ReportColumn[] = [];
  private objectFields: readonly CatalogField[] = [];
  private compatibilityTable: CompatibilityTable = {};
  private keyFieldName?: string;
  private keyColumnName?: string;
  private chosenTemplatePairs: readonly TemplatePair[] = [];

  private connected = false;
  private nextRowNumber = 1;
  private mappingsSet = false;
  private lastSignature = EMPTY_SIGNATURE;
  private notifyScheduled = false;
  private notifyForced = false;
  private pendingFocus?: FocusTarget;
  private sharedColumnOptions: ComboboxOption[] = [];
  private fieldOptionCache = new WeakMap<readonly CatalogField[], Map<string, ComboboxOption>>();
  private previousFieldOptions = new Map<string, ComboboxOption[]>();

  /** The report's columns; every row may choose any of them, the key column too. */
  @api
  get columns(): readonly ReportColumn[] {
    return this.reportColumns;
  }
  set columns(value: readonly ReportColumn[] | undefined) {
    this.reportColumns = value ?? [];
    this.rows = this.withReportColumnTypes(this.rows);
    this.sharedColumnOptions = this.buildColumnOptions();
    this.inputsChanged();
  }

  /** The object's fields the admin can update (ObjectDescription.fields). */
  @api
  get fields(): readonly CatalogField[] {
    return this.objectFields;
  }
  set fields(value: readonly CatalogField[] | undefined) {
    this.objectFields = value ?? [];
    this.inputsChanged();
  }

  /** Column type → the `Schema.DisplayType` names it may fill (IntegrationController.getCompatibility). */
  @api
  get compatibility(): CompatibilityTable {
    return this.compatibilityTable;
  }
  set compatibility(value: CompatibilityTable | undefined) {
    this.compatibilityTable = value ?? {};
    this.inputsChanged();
  }

  /** The object's key field, which no row may fill. */
  @api
  get keyField(): string | undefined {
    return this.keyFieldName;
  }
  set keyField(value: string | undefined) {
    this.keyFieldName = value;
    this.inputsChanged();
  }

  /** The report's key column, marked as such among the columns. */
  @api
  get keyColumn(): string | undefined {
    return this.keyColumnName;
  }
  set keyColumn(value: string | undefined) {
    this.keyColumnName = value;
    this.sharedColumnOptions = this.buildColumnOptions();
    this.inputsChanged();
  }

  /**
   * The chosen ready-made report's column → field pairs (c-report-template-panel's
   * `templatechange`): Auto-map tries them before names and labels. Empty without a template.
   */
  @api
  get templatePairs(): readonly TemplatePair[] {
    return this.chosenTemplatePairs;
  }
  set templatePairs(value: readonly TemplatePair[] | undefined) {
    this.chosenTemplatePairs = value ?? [];
  }

  /**
   * The rows; setting it replaces them. Setting the rows the editor already has (an owner
   * handing back what `mappingchange` told it) keeps them as they are and fires nothing, so the
   * two cannot echo each other forever.
   */
  @api
  get mappings(): FieldMapping[] {
    return this.rows.map((row) => toFieldMapping(row));
  }
  set mappings(value: readonly FieldMapping[] | undefined) {
    const mappings = value ?? [];
    if (this.mappingsSet && sameRows(this.rows, mappings)) {
      return;
    }
    this.mappingsSet = true;
    this.rows = this.withReportColumnTypes(
      mappings.map((mapping) => ({
        key: this.newRowKey(),
        column: mapping.column,
        columnType: mapping.columnType,
        field: mapping.field,
        onlyWhenEmpty: mapping.onlyWhenEmpty === true
      }))
    );
    this.autoMapMessage = '';
    this.refresh();
    this.scheduleNotify(true);
  }

  /**
   * Runs Auto-map: fills rows still without a field and adds a row for each unmapped column a
   * field matches. Complete rows stay as they are.
   *
   * @returns how many rows it completed
   */
  @api
  autoMap(): number {
    const before = this.completeCount();
    this.rows = autoMap(
      this.reportColumns,
      this.objectFields,
      this.compatibilityTable,
      this.keyFieldName,
      this.rows,
      this.chosenTemplatePairs
    );
    this.refresh();
    const added = this.completeCount() - before;
    if (added > 0) {
      this.autoMapMessage = `Auto-map added ${added} ${added === 1 ? 'mapping' : 'mappings'}.`;
    } else {
      this.autoMapMessage =
        'Auto-map found nothing to add: no other field that can take a column matches its name or label.';
    }
    this.notifyIfChanged(false);
    return Math.max(added, 0);
  }

  override connectedCallback(): void {
    this.connected = true;
    this.refresh();
  }

  override disconnectedCallback(): void {
    this.connected = false;
  }

  override renderedCallback(): void {
    const target = this.pendingFocus;
    if (target === undefined) {
      return;
    }
    // Row keys carry report column names, which may hold any character: compared, never put
    // into a selector.
    const element =
      target === 'add-column'
        ? this.template?.querySelector<HTMLElement & Focusable>(
            'lightning-button[data-action="add-column"]'
          )
        : Array.from(
            this.template?.querySelectorAll<HTMLElement & Focusable>(
              'lightning-combobox[data-id="column-box"]'
            ) ?? []
          ).find((box) => box.dataset.rowKey === target.rowKey);
    if (element) {
      this.pendingFocus = undefined;
      element.focus();
    }
  }

  // ----- what the template shows

  get hasRows(): boolean {
    return this.rowViews.length > 0;
  }

  // ----- the admin's actions

  handleSearch(event: CustomEvent<{ value: string }>): void {
    this.search = event.detail.value ?? '';
    this.refresh();
  }

  handleColumnChange(event: CustomEvent<{ value: string }>): void {
    const rowKey = this.rowKeyOf(event);
    const columnName = event.detail.value;
    const column = this.reportColumns.find((candidate) => candidate.name === columnName);
    this.updateRow(rowKey, (row) => {
      const columnType = column?.type ?? (columnName === row.column ? row.columnType : undefined);
      // A field that cannot take the new column's values would only be a problem to fix: the
      // admin picks again from the fields that can.
      const keepField =
        row.field !== undefined &&
        isCompatible(
          this.compatibilityTable,
          columnType,
          findField(this.objectFields, row.field)?.type
        );
      return {
        ...row,
        column: columnName || undefined,
        columnType,
        field: keepField ? row.field : undefined
      };
    });
  }

  handleFieldChange(event: CustomEvent<{ value: string }>): void {
    const rowKey = this.rowKeyOf(event);
    const field = event.detail.value;
    this.updateRow(rowKey, (row) => ({
      ...row,
      field: field || undefined,
      // A checkbox is never empty: the option cannot apply to it, so it does not follow the row.
      onlyWhenEmpty: row.onlyWhenEmpty === true && canBeEmpty(findField(this.objectFields, field))
    }));
  }

  handleOnlyWhenEmptyChange(event: CustomEvent<{ checked: boolean }>): void {
    const rowKey = this.rowKeyOf(event);
    const checked = event.detail.checked === true;
    this.updateRow(rowKey, (row) => ({ ...row, onlyWhenEmpty: checked }));
  }

  handleAddColumn(): void {
    const key = this.newRowKey();
    this.rows = [...this.rows, { key }];
    this.autoMapMessage = '';
    this.pendingFocus = { rowKey: key };
    this.refresh();
    this.notifyIfChanged(false);
  }

  handleRemoveRow(event: Event): void {
    const rowKey = this.rowKeyOf(event);
    const index = this.rows.findIndex((row) => row.key === rowKey);
    if (index < 0) {
      return;
    }
    this.rows = this.rows.filter((row) => row.key !== rowKey);
    // What Auto-map added no longer describes the rows.
    this.autoMapMessage = '';
    // The X that had the focus is gone: the row that took its place, or Add Column, gets it.
    const next = this.rows[Math.min(index, this.rows.length - 1)];
    this.pendingFocus = next ? { rowKey: next.key } : 'add-column';
    this.refresh();
    this.notifyIfChanged(false);
  }

  handleAutoMap(): void {
    this.autoMap();
  }

  // ----- rows and their views

  private updateRow(rowKey: string | undefined, change: (row: MappingRow) => MappingRow): void {
    let changed = false;
    this.rows = this.rows.map((row) => {
      if (row.key !== rowKey) {
        return row;
      }
      changed = true;
      return change(row);
    });
    if (changed) {
      this.autoMapMessage = '';
      this.refresh();
      this.notifyIfChanged(false);
    }
  }

  /** Rows whose column the report has take the report's type for it, which may have changed. */
  private withReportColumnTypes(rows: MappingRow[]): MappingRow[] {
    if (this.reportColumns.length === 0) {
      return rows;
    }
    const types = new Map(this.reportColumns.map((column) => [column.name, column.type]));
    return rows.map((row) => {
      if (!row.column || !types.has(row.column)) {
        return row;
      }
      const columnType = types.get(row.column);
      return columnType === row.columnType ? row : { ...row, columnType };
    });
  }

  private newRowKey(): string {
    const key = `row-${this.nextRowNumber}`;
    this.nextRowNumber += 1;
    return key;
  }

  private inputsChanged(): void {
    this.refresh();
    this.scheduleNotify(false);
  }

  private buildColumnOptions(): ComboboxOption[] {
    return this.reportColumns.map((column) => ({
      label: column.name === this.keyColumnName ? `${column.label} (key column)` : column.label,
      value: column.name,
      description: `${column.name} · ${column.type ?? 'no type'}`
    }));
  }

  /** One option object per field, reused by every row while the field list stays the same. */
  private fieldOption(field: CatalogField): ComboboxOption {
    let options = this.fieldOptionCache.get(this.objectFields);
    if (!options) {
      options = new Map<string, ComboboxOption>();
      this.fieldOptionCache.set(this.objectFields, options);
    }
    let option = options.get(field.apiName);
    if (!option) {
      option = {
        label: field.label || field.apiName,
        value: field.apiName,
        description: `${field.apiName} · ${field.type}`
      };
      options.set(field.apiName, option);
    }
    return option;
  }

  /** What stands against saving a row as it is, if anything (see mappingProblem). */
  private problemOf(row: MappingRow, counts: ReadonlyMap<string, number>): string | undefined {
    return mappingProblem(row, {
      fields: this.objectFields,
      compatibility: this.compatibilityTable,
      keyField: this.keyFieldName,
      usedFields: new OtherRowsUse(counts, lowerName(row.field)),
      columns: this.reportColumns
    });
  }

  private fieldUseCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const row of this.rows) {
      if (row.field) {
        const name = lowerName(row.field);
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    return counts;
  }

  private completeRows(): MappingRow[] {
    const counts = this.fieldUseCounts();
    return this.rows.filter((row) => isComplete(row) && !this.problemOf(row, counts));
  }

  private completeCount(): number {
    return this.completeRows().length;
  }

  /**
   * Works out every row's view, once per change. Before the editor is on the page its owner
   * sets the properties one by one: connectedCallback works them out once instead.
   */
  private refresh(): void {
    if (!this.connected) {
      return;
    }
    const counts = this.fieldUseCounts();
    const columnsByName = new Map(this.reportColumns.map((column) => [column.name, column]));
    const previous = this.previousFieldOptions;
    const current = new Map<string, ComboboxOption[]>();
    let complete = 0;

    this.rowViews = this.rows.map((row, index) => {
      const number = index + 1;
      const ownField = lowerName(row.field);
      const usedFields = new OtherRowsUse(counts, ownField);
      const choices = row.column
        ? fieldChoices({
            fields: this.objectFields,
            compatibility: this.compatibilityTable,
            columnType: row.columnType,
            keyField: this.keyFieldName,
            usedFields,
            search: this.search,
            currentField: row.field
          })
        : [];
      let fieldOptions = choices.map((field) => this.fieldOption(field));
      // A field the rules no longer allow stays visible in its box; the row says what is wrong.
      if (row.field && !choices.some((field) => lowerName(field.apiName) === ownField)) {
        const known = findField(this.objectFields, row.field);
        fieldOptions = [
          known ? this.fieldOption(known) : { label: row.field, value: row.field },
          ...fieldOptions
        ];
      }
      const kept = previous.get(row.key);
      if (kept && sameOptions(kept, fieldOptions)) {
        fieldOptions = kept;
      }
      current.set(row.key, fieldOptions);

      const column = row.column ? columnsByName.get(row.column) : undefined;
      const columnOptions =
        row.column && !column
          ? [
              ...this.sharedColumnOptions,
              { label: `${row.column} (not in the report)`, value: row.column }
            ]
          : this.sharedColumnOptions;

      const problem = mappingProblem(row, {
        fields: this.objectFields,
        compatibility: this.compatibilityTable,
        keyField: this.keyFieldName,
        usedFields,
        columns: this.reportColumns
      });
      let statusText = '';
      let statusClass = 'slds-text-body_small slds-text-color_weak';
      if (problem) {
        statusText = problem;
        statusClass = 'slds-text-body_small slds-text-color_error';
      } else if (!row.column) {
        statusText = 'Choose a column';
      } else if (!row.field) {
        statusText = this.noFieldText(choices.length);
      } else if (isComplete(row)) {
        complete += 1;
      }

      const columnName = column?.label ?? row.column;
      const mappedField = row.field ? findField(this.objectFields, row.field) : undefined;
      return {
        key: row.key,
        column: row.column,
        field: row.field,
        columnOptions,
        fieldOptions,
        fieldDisabled: !row.column,
        fieldPlaceholder: row.column ? 'Choose a field' : 'Choose a column first',
        columnBoxLabel: `Report column, row ${number}`,
        fieldBoxLabel: `Salesforce field, row ${number}`,
        removeLabel: `Remove row ${number} (${columnName ?? 'no column chosen'})`,
        // Shown on a checkbox too while it is ticked there, so that it can be unticked.
        showOnlyWhenEmpty:
          row.field !== undefined && (canBeEmpty(mappedField) || row.onlyWhenEmpty === true),
        onlyWhenEmpty: row.onlyWhenEmpty === true,
        onlyWhenEmptyLabel: `Only fill ${mappedField?.label || row.field} when empty`,
        statusText,
        statusClass
      };
    });
    this.previousFieldOptions = current;

    const total = this.rows.length;
    this.completeCountText =
      total === 0
        ? 'No rows yet. Add a column or use Auto-map.'
        : `${complete} of ${total} ${total === 1 ? 'row' : 'rows'} complete`;
  }

  private noFieldText(choiceCount: number): string {
    if (choiceCount > 0) {
      return 'Choose a field';
    }
    return this.search.trim() === ''
      ? 'No field left that can take this column'
      : 'Choose a field: none that can take this column matches the search';
  }

  // ----- events

  private detail(): MappingChangeDetail {
    return {
      mappings: this.rows.map((row) => toFieldMapping(row)),
      completeMappings: this.completeRows().map((row) => toFieldMapping(row))
    };
  }

  /** Fires `mappingchange` when the rows differ from the last event, or when forced. */
  private notifyIfChanged(force: boolean): void {
    const detail = this.detail();
    const signature = JSON.stringify(detail);
    if (!force && signature === this.lastSignature) {
      return;
    }
    this.lastSignature = signature;
    this.dispatchEvent(
      new CustomEvent<MappingChangeDetail>('mappingchange', {
        detail,
        bubbles: false,
        composed: false
      })
    );
  }

  /**
   * Properties are set while the owner renders: the event waits for the end of that turn, so the
   * owner's handler does not change its state mid-render, and several properties set together
   * give one event.
   */
  private scheduleNotify(force: boolean): void {
    this.notifyForced = this.notifyForced || force;
    if (this.notifyScheduled) {
      return;
    }
    this.notifyScheduled = true;
    Promise.resolve().then(() => {
      const forced = this.notifyForced;
      this.notifyScheduled = false;
      this.notifyForced = false;
      this.notifyIfChanged(forced);
    });
  }

  private rowKeyOf(event: Event): string | undefined {
    return (event.currentTarget as HTMLElement | null)?.dataset.rowKey;
  }
}
