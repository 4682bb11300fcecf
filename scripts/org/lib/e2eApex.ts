/**
 * The anonymous Apex the e2e run executes, built here so that the offline tests can compile
 * every snippet with apex-ls against the package's classes (a renamed method fails there, not
 * in an org). Values go into string literals through `apexString`; results come back through
 * `emit`.
 */
import { apexString, emit } from './anonymousApex.ts';
import type { MappedField } from './syncExpectations.ts';

/** Qualifies a class of the package for anonymous Apex (`ns.Name` once there is a namespace). */
export type ClassName = (name: string) => string;

/** Reads rows this many at a time, as the integration does. */
export const PAGE_SIZE = 2000;
/** The most pages the e2e run reads; a bigger report is not a test report. */
export const MAX_PAGES = 5;

function source(cls: ClassName, region: string): string {
  return `new ${cls('InsightsApiSource')}(${cls('InsightsRegion')}.forCode(${apexString(region)}))`;
}

/** Emits the region's InsightsConnectionStatus after one test callout. */
export function testConnectionApex(cls: ClassName, region: string): string {
  return emit(`new ${cls('InsightsConnectionService')}().testConnection(${apexString(region)})`);
}

/** Emits the region's reports (List<InsightsReport>). */
export function listReportsApex(cls: ClassName, region: string): string {
  return emit(`${source(cls, region)}.listReports()`);
}

/** Emits each page `{ columns, rows, nextCursor }`, up to MAX_PAGES. */
export function readReportApex(cls: ClassName, region: string, reportId: string): string {
  return [
    `${cls('ReportSource')} source = ${source(cls, region)};`,
    'String cursor = null;',
    'Integer pages = 0;',
    'do {',
    `  ${cls('ReportPage')} page = source.readPage(${apexString(reportId)}, cursor, ${PAGE_SIZE});`,
    `  ${emit("new Map<String, Object>{ 'columns' => page.columns, 'rows' => page.rows, 'nextCursor' => page.nextCursor }")}`,
    '  cursor = page.nextCursor;',
    '  pages++;',
    `} while (cursor != null && pages < ${MAX_PAGES});`
  ].join('\n');
}

export interface IntegrationSpec {
  readonly developerName: string;
  readonly label: string;
  readonly reportId: string;
  readonly reportName: string;
  readonly region: string;
  readonly targetObject: string;
  readonly keyColumn: string;
  readonly keyField: string;
  /** Each mapping with the report column's type. */
  readonly mappings: readonly (MappedField & { readonly columnType: string })[];
}

/** Saves the integration (paused) with IntegrationStore.save and emits the deployment id. */
export function saveIntegrationApex(cls: ClassName, spec: IntegrationSpec): string {
  const definition = cls('IntegrationDefinition');
  const mappings = spec.mappings
    .map(
      (mapping) =>
        `  ${cls('FieldMapping')}.forColumn(${apexString(mapping.column)}, ${apexString(mapping.columnType)}, ${apexString(mapping.field)})`
    )
    .join(',\n');
  return [
    `${definition} definition = new ${definition}();`,
    `definition.developerName = ${apexString(spec.developerName)};`,
    `definition.label = ${apexString(spec.label)};`,
    `definition.reportId = ${apexString(spec.reportId)};`,
    `definition.reportName = ${apexString(spec.reportName)};`,
    `definition.sourceType = ${definition}.SOURCE_INSIGHTS_API;`,
    `definition.connectionRegion = ${apexString(spec.region)};`,
    `definition.targetObject = ${apexString(spec.targetObject)};`,
    `definition.reportKeyColumn = ${apexString(spec.keyColumn)};`,
    `definition.objectKeyField = ${apexString(spec.keyField)};`,
    `definition.pageSize = ${PAGE_SIZE};`,
    // Paused: Run Now runs it, the hourly dispatcher never does, so no scheduled run interferes.
    `definition.state = ${definition}.STATE_PAUSED;`,
    `definition.mappings = new List<${cls('FieldMapping')}>{\n${mappings}\n};`,
    emit(`new ${cls('IntegrationStore')}().save(definition)`)
  ].join('\n');
}

/** Queues a manual run with SyncService.runNow and emits the Sync_Run__c id. */
export function runNowApex(cls: ClassName, developerName: string): string {
  return emit(`new ${cls('SyncService')}().runNow(${apexString(developerName)})`);
}

/** Archives the integration with IntegrationStore.archive and emits the deployment id. */
export function archiveApex(cls: ClassName, developerName: string): string {
  return emit(`new ${cls('IntegrationStore')}().archive(${apexString(developerName)})`);
}
