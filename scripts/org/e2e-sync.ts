/**
 * `npm run e2e:org` — the package end to end in an org with an Insights test account connected
 * (INSIGHTS_REGION names the region):
 * 1. (optional) stores INSIGHTS_CLIENT_ID / INSIGHTS_CLIENT_SECRET in the region's principal
 *    through the Connect REST API, then tests the connection through the package;
 * 2. reads the Logins report through the package's own InsightsApiSource;
 * 3. makes sure the sample Leads exist (creating those missing) and clears their WalkMe_ fields;
 * 4. saves a Logins → Lead integration with IntegrationStore.save and waits for its
 *    Integration__mdt record;
 * 5. runs it with SyncService.runNow and waits for its Sync_Run__c to finish;
 * 6. checks every Lead whose Email is a report key against the values the report's rows must
 *    have produced, and the run log's counts against the expected ones (lib/syncExpectations.ts);
 * 7. archives the integration and deletes the Leads it created (unless --keep-data).
 */
import type { Connection } from '@salesforce/core';
import { repositoryRoot } from '../lib/project.ts';
import { runAnonymousApex } from './lib/anonymousApex.ts';
import { helpText, parseArgs } from './lib/args.ts';
import { e2eOrgCommand as spec } from './lib/commands.ts';
import { connect, poll, soqlString } from './lib/connection.ts';
import {
  MAX_PAGES,
  PAGE_SIZE,
  archiveApex,
  listReportsApex,
  readReportApex,
  runNowApex,
  saveIntegrationApex,
  testConnectionApex,
  type ClassName
} from './lib/e2eApex.ts';
import {
  KEY_COLUMN,
  KEY_FIELD,
  LOGINS_MAPPINGS,
  TARGET_OBJECT,
  chooseLoginsReport,
  missingLoginsColumns,
  readReportList,
  readReportPage,
  type ReportColumn,
  type ReportSummary
} from './lib/loginsReport.ts';
import { OrgScriptError, describeFailure, oneLine, runScript } from './lib/main.ts';
import {
  checkNodeVersion,
  requireRegion,
  requireTargetOrg,
  type InsightsRegionCode
} from './lib/prerequisites.ts';
import {
  qualifiedClass,
  qualifiedName,
  readProjectFile,
  type ProjectFile
} from './lib/projectFile.ts';
import { readSampleData, type SampleData } from './lib/sampleData.ts';
import { createSf, isObject, textOf, type Sf } from './lib/sf.ts';
import { announce } from './lib/steps.ts';
import {
  compareCounts,
  compareRecords,
  expectRun,
  normalizeKey,
  type ExpectedRun,
  type MappedField,
  type RecordState,
  type ReportRow,
  type RunCounts,
  type StoredValue
} from './lib/syncExpectations.ts';

/** The integration's API name: one record, saved again by every run and archived after it. */
const INTEGRATION_NAME = 'Insights_Sync_E2E_Logins';
const KEYS_PER_QUERY = 200;
const POLL_INTERVAL_MS = 5000;
const PRINCIPAL_NAME = 'Insights_Principal';
const CREDENTIAL_NAMES: Readonly<Record<InsightsRegionCode, string>> = {
  US: 'WalkMe_Insights_US',
  EU: 'WalkMe_Insights_EU',
  CA: 'WalkMe_Insights_CA',
  FEDRAMP: 'WalkMe_Insights_FedRAMP'
};

interface Context {
  readonly connection: Connection;
  readonly project: ProjectFile;
  readonly region: InsightsRegionCode;
  /** The mappings with field names as the org spells them. */
  readonly mappings: readonly MappedField[];
}

function classes(context: Context): ClassName {
  return (name) => qualifiedClass(context.project, name);
}

function field(context: Context, name: string): string {
  return qualifiedName(context.project, name);
}

/**
 * Puts the client id and secret into the region's principal over HTTPS (Connect REST API,
 * `named-credentials/credential`): never through anonymous Apex, whose source the debug log
 * would keep. POST creates the credential; PUT replaces one that exists.
 */
async function storeCredentials(
  context: Context,
  clientId: string,
  clientSecret: string
): Promise<void> {
  announce(
    `Connecting Insights region ${context.region} from INSIGHTS_CLIENT_ID / INSIGHTS_CLIENT_SECRET`
  );
  const url = `/services/data/v${context.project.sourceApiVersion}/named-credentials/credential`;
  const body = JSON.stringify({
    externalCredential: qualifiedName(context.project, CREDENTIAL_NAMES[context.region]),
    principalName: PRINCIPAL_NAME,
    principalType: 'NamedPrincipal',
    authenticationProtocol: 'OAuth',
    authenticationProtocolVariant: 'ClientCredentialsClientSecretBasic',
    credentials: {
      clientId: { value: clientId, encrypted: false },
      clientSecret: { value: clientSecret, encrypted: true }
    }
  });
  const send = (method: 'POST' | 'PUT') =>
    context.connection.request({
      method,
      url,
      body,
      headers: { 'content-type': 'application/json' }
    });
  try {
    await send('POST');
  } catch {
    try {
      await send('PUT');
    } catch (error) {
      const message = error instanceof Error ? oneLine(error.message) : String(error);
      throw new OrgScriptError(
        `storing the Insights credentials failed (${message.split(clientSecret).join('***')}): check that Insights Sync Admin is assigned, or connect the region in the console`
      );
    }
  }
}

async function testConnection(context: Context): Promise<void> {
  announce(`Testing the Insights connection of region ${context.region}`);
  const [status] = await runAnonymousApex(
    context.connection,
    testConnectionApex(classes(context), context.region),
    'testing the Insights connection'
  );
  if (!isObject(status) || status.testSucceeded !== true) {
    const message = isObject(status) ? (textOf(status.message) ?? '') : '';
    throw new OrgScriptError(
      `Insights region ${context.region} does not answer in this org${message ? ` (${oneLine(message)})` : ''}: connect it in the Insights Sync console, or set INSIGHTS_CLIENT_ID and INSIGHTS_CLIENT_SECRET, then run again`
    );
  }
}

async function findReport(
  context: Context,
  requestedId: string | undefined
): Promise<ReportSummary> {
  const [reports] = await runAnonymousApex(
    context.connection,
    listReportsApex(classes(context), context.region),
    'listing the Insights reports'
  );
  return chooseLoginsReport(readReportList(reports), requestedId, context.region);
}

/** Every row of the report, read through the package's own source, as the run will read it. */
async function readReport(
  context: Context,
  report: ReportSummary
): Promise<{ rows: ReportRow[]; columns: readonly ReportColumn[] }> {
  announce(`Reading report "${report.name}" (${report.id}) through the org`);
  const apex = readReportApex(classes(context), context.region, report.id);
  const pages = (await runAnonymousApex(context.connection, apex, 'reading the report')).map(
    readReportPage
  );
  const last = pages.at(-1);
  if (!last) {
    throw new OrgScriptError(`report ${report.id} returned no page`);
  }
  if (last.nextCursor) {
    throw new OrgScriptError(
      `report ${report.id} has more than ${MAX_PAGES * PAGE_SIZE} rows: point INSIGHTS_REPORT_ID at a small test report`
    );
  }
  const columns = pages[0]?.columns ?? [];
  const missing = missingLoginsColumns(columns);
  if (missing.length > 0) {
    throw new OrgScriptError(
      `report ${report.id} lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: use the Logins report (INSIGHTS_REPORT_ID)`
    );
  }
  const rows = pages.flatMap((page) => page.rows);
  console.log(`  ${rows.length} rows in ${pages.length} page${pages.length === 1 ? '' : 's'}`);
  return { rows, columns };
}

function recordState(context: Context, record: Record<string, unknown>): RecordState {
  const values: Record<string, StoredValue> = {};
  for (const mapping of context.mappings) {
    const value = record[mapping.field];
    values[mapping.field] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : null;
  }
  return { id: String(record.Id), key: textOf(record[KEY_FIELD]) ?? null, values };
}

/** The Leads whose Email is one of `keys`, with the mapped fields. */
async function leadsWithKeys(context: Context, keys: readonly string[]): Promise<RecordState[]> {
  const fields = ['Id', KEY_FIELD, ...context.mappings.map((mapping) => mapping.field)];
  const found: RecordState[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY).map(soqlString);
    const records = await context.connection.autoFetchQuery(
      `SELECT ${fields.join(', ')} FROM ${TARGET_OBJECT} WHERE ${KEY_FIELD} IN (${chunk.join(', ')})`
    );
    found.push(
      ...records.records.map((record: Record<string, unknown>) => recordState(context, record))
    );
  }
  return found;
}

/**
 * The sample Leads (company and emails of sample-records.json): those missing are created, and
 * the mapped fields of all of them are cleared, so that the run has values to write.
 */
async function prepareSampleLeads(
  context: Context,
  sample: SampleData,
  reportKeys: ReadonlySet<string>,
  created: string[]
): Promise<void> {
  announce(`Preparing the sample Leads (${sample.company})`);
  const inReport = sample.leads.filter((lead) => {
    const key = normalizeKey(lead.Email);
    return key !== null && reportKeys.has(key);
  }).length;
  if (inReport === 0) {
    throw new OrgScriptError(
      'the report holds none of the sample emails (scripts/org/data/sample-records.json): add those users to the Insights test account (docs/org.md, "The Insights test account")'
    );
  }
  const emails = sample.leads.map((lead) => lead.Email);
  const existing = await context.connection.autoFetchQuery(
    `SELECT Id, Email FROM ${TARGET_OBJECT} WHERE Company = ${soqlString(sample.company)} AND IsConverted = false AND Email IN (${emails.map(soqlString).join(', ')})`
  );
  const existingIds = existing.records.map((record: Record<string, unknown>) => String(record.Id));
  const present = new Set(
    existing.records.map((record: Record<string, unknown>) => normalizeKey(textOf(record.Email)))
  );
  const missing = sample.leads.filter((lead) => !present.has(normalizeKey(lead.Email)));
  if (missing.length > 0) {
    const results = await context.connection.sobject(TARGET_OBJECT).create(
      missing.map((lead) => ({ ...lead, Company: sample.company })),
      { allOrNone: true }
    );
    // Recorded before any check, so that the clean-up deletes whatever was created.
    created.push(...results.flatMap((result) => (result.id ? [result.id] : [])));
    const refusedLead = results.find((result) => !result.success || !result.id);
    if (refusedLead) {
      throw new OrgScriptError(
        `creating the sample Leads failed: ${JSON.stringify(refusedLead.errors)}`
      );
    }
  }
  const ids = [...existingIds, ...created];
  const cleared = ids.map((id) => {
    const record: { Id: string } & Record<string, string | null> = { Id: id };
    for (const mapping of context.mappings) {
      record[mapping.field] = null;
    }
    return record;
  });
  const updates = await context.connection
    .sobject(TARGET_OBJECT)
    .update(cleared, { allOrNone: true });
  const refused = updates.filter((result) => !result.success);
  if (refused.length > 0) {
    throw new OrgScriptError(
      `clearing the WalkMe_ fields of the sample Leads failed: ${JSON.stringify(refused[0]?.errors)}: assign Insights_Sync_Test_Fields (npm run org:create does)`
    );
  }
  console.log(
    `  ${ids.length} sample Leads (${created.length} created), ${inReport} of them in the report`
  );
}

interface IntegrationRecord {
  readonly state: string | undefined;
  readonly reportId: string | undefined;
  readonly region: string | undefined;
}

async function readIntegration(context: Context): Promise<IntegrationRecord | undefined> {
  const state = field(context, 'State__c');
  const reportId = field(context, 'Report_Id__c');
  const region = field(context, 'Connection_Region__c');
  const result = await context.connection.query(
    `SELECT DeveloperName, ${state}, ${reportId}, ${region} FROM ${field(context, 'Integration__mdt')} WHERE DeveloperName = ${soqlString(INTEGRATION_NAME)}`
  );
  const record: Record<string, unknown> | undefined = result.records[0];
  return record
    ? {
        state: textOf(record[state]),
        reportId: textOf(record[reportId]),
        region: textOf(record[region])
      }
    : undefined;
}

/** A deployment the Metadata API reports as failed, with its component problems. */
async function deployFailure(context: Context, deployId: string): Promise<string | undefined> {
  try {
    const status = await context.connection.metadata.checkDeployStatus(deployId, true);
    if (!status.done || status.success) {
      return undefined;
    }
    const raw = status.details?.componentFailures;
    const failures = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return failures.map((failure) => oneLine(String(failure.problem))).join('; ') || status.status;
  } catch {
    // The status is a help, not the test: the record's state below decides.
    return undefined;
  }
}

async function waitForIntegration(
  context: Context,
  deployId: string,
  wanted: { state: string; reportId?: string },
  timeoutMinutes: number
): Promise<void> {
  await poll(
    async () => {
      const failure = await deployFailure(context, deployId);
      if (failure) {
        throw new OrgScriptError(`the deployment of ${INTEGRATION_NAME} failed: ${failure}`);
      }
      const record = await readIntegration(context);
      const ready =
        record?.state === wanted.state &&
        (wanted.reportId === undefined ||
          (record.reportId === wanted.reportId && record.region === context.region));
      return ready ? true : undefined;
    },
    {
      intervalMs: POLL_INTERVAL_MS,
      timeoutMs: timeoutMinutes * 60_000,
      timeoutMessage: `Integration__mdt ${INTEGRATION_NAME} did not become ${wanted.state} within ${timeoutMinutes} minutes: see Setup → Deployment Status (deployment ${deployId})`
    }
  );
}

async function saveIntegration(
  context: Context,
  report: ReportSummary,
  columns: readonly ReportColumn[],
  timeoutMinutes: number,
  progress: { saved: boolean }
): Promise<void> {
  announce(
    `Saving integration ${INTEGRATION_NAME} (${report.id} → ${TARGET_OBJECT}) with IntegrationStore.save`
  );
  const typeOf = (column: string): string =>
    columns.find((candidate) => candidate.name === column)?.type ?? 'string';
  const apex = saveIntegrationApex(classes(context), {
    developerName: INTEGRATION_NAME,
    label: 'Insights Sync e2e: Logins to Lead',
    reportId: report.id,
    reportName: report.name,
    region: context.region,
    targetObject: TARGET_OBJECT,
    keyColumn: KEY_COLUMN,
    keyField: KEY_FIELD,
    mappings: context.mappings.map((mapping) => ({
      ...mapping,
      columnType: typeOf(mapping.column)
    }))
  });
  const [deployId] = await runAnonymousApex(context.connection, apex, 'saving the integration');
  if (typeof deployId !== 'string') {
    throw new OrgScriptError('IntegrationStore.save returned no deployment id');
  }
  progress.saved = true;
  await waitForIntegration(
    context,
    deployId,
    { state: 'Paused', reportId: report.id },
    timeoutMinutes
  );
  console.log(`  Integration__mdt.${INTEGRATION_NAME} deployed (${deployId})`);
}

const COUNT_FIELDS: Readonly<Record<keyof RunCounts, string>> = {
  rowsRead: 'Rows_Read__c',
  rowsMatched: 'Rows_Matched__c',
  rowsUnmatched: 'Rows_Unmatched__c',
  rowsSkipped: 'Rows_Skipped__c',
  recordsUpdated: 'Records_Updated__c',
  recordsUnchanged: 'Records_Unchanged__c',
  recordsFailed: 'Records_Failed__c',
  valueIssues: 'Value_Issues__c'
};

interface FinishedRun {
  readonly id: string;
  readonly status: string;
  readonly counts: RunCounts;
  readonly errorSummary: string | undefined;
}

async function runNow(context: Context, timeoutMinutes: number): Promise<FinishedRun> {
  announce(`Running ${INTEGRATION_NAME} with SyncService.runNow`);
  const [runId] = await runAnonymousApex(
    context.connection,
    runNowApex(classes(context), INTEGRATION_NAME),
    'starting the run'
  );
  if (typeof runId !== 'string') {
    throw new OrgScriptError('SyncService.runNow returned no run id');
  }
  const status = field(context, 'Status__c');
  const summary = field(context, 'Error_Summary__c');
  const countFields = Object.values(COUNT_FIELDS).map((name) => field(context, name));
  let lastStatus = 'Queued';
  return poll(
    async () => {
      const result = await context.connection.query(
        `SELECT Id, ${status}, ${summary}, ${countFields.join(', ')} FROM ${field(context, 'Sync_Run__c')} WHERE Id = ${soqlString(runId)}`
      );
      const record: Record<string, unknown> | undefined = result.records[0];
      lastStatus = textOf(record?.[status]) ?? 'missing';
      if (lastStatus === 'Queued' || lastStatus === 'Running') {
        return undefined;
      }
      const counts = {} as Record<keyof RunCounts, number>;
      for (const [name, apiName] of Object.entries(COUNT_FIELDS) as [keyof RunCounts, string][]) {
        const value = record?.[field(context, apiName)];
        counts[name] = typeof value === 'number' ? value : 0;
      }
      return { id: runId, status: lastStatus, counts, errorSummary: textOf(record?.[summary]) };
    },
    {
      intervalMs: POLL_INTERVAL_MS,
      timeoutMs: timeoutMinutes * 60_000,
      timeoutMessage: `run ${runId} is still ${lastStatus} after ${timeoutMinutes} minutes: open its Log in the Insights Sync console, or Setup → Apex Jobs`
    }
  );
}

function verify(
  context: Context,
  expected: ExpectedRun,
  run: FinishedRun,
  after: readonly RecordState[]
): string[] {
  const problems: string[] = [];
  if (run.status !== expected.status) {
    problems.push(
      `status: expected ${expected.status}, the run log says ${run.status}${run.errorSummary ? ` (${oneLine(run.errorSummary)})` : ''}`
    );
  }
  problems.push(...compareCounts(expected.counts, run.counts));
  for (const mismatch of compareRecords(expected.valuesByRecordId, after)) {
    const record = after.find((candidate) => candidate.id === mismatch.recordId);
    problems.push(
      `${TARGET_OBJECT} ${mismatch.recordId} (${record?.key ?? '?'}).${mismatch.field}: expected ${mismatch.expected}, found ${mismatch.actual}`
    );
  }
  if (context.mappings.length === 0) {
    problems.push('the integration maps no field');
  }
  return problems;
}

async function cleanUp(
  context: Context,
  saved: boolean,
  created: { readonly company: string; readonly leads: readonly string[] },
  timeoutMinutes: number
): Promise<string[]> {
  const createdLeads = created.leads;
  const problems: string[] = [];
  if (saved) {
    announce(`Archiving ${INTEGRATION_NAME} with IntegrationStore.archive`);
    try {
      const [deployId] = await runAnonymousApex(
        context.connection,
        archiveApex(classes(context), INTEGRATION_NAME),
        'archiving the integration'
      );
      await waitForIntegration(context, String(deployId), { state: 'Archived' }, timeoutMinutes);
    } catch (error) {
      problems.push(`archiving ${INTEGRATION_NAME} failed: ${describeFailure(error).headline}`);
    }
  }
  if (createdLeads.length > 0) {
    announce(`Deleting the ${createdLeads.length} sample Leads this run created`);
    try {
      const results = await context.connection
        .sobject(TARGET_OBJECT)
        .destroy([...createdLeads], { allOrNone: false });
      const failed = results.filter((result) => !result.success).length;
      if (failed > 0) {
        problems.push(
          `${failed} sample Leads could not be deleted: delete the Leads of company "${created.company}" by hand`
        );
      }
    } catch (error) {
      problems.push(`deleting the sample Leads failed: ${describeFailure(error).headline}`);
    }
  }
  return problems;
}

async function main(argv: readonly string[], sf: Sf): Promise<number> {
  const parsed = parseArgs(spec, argv);
  if (parsed.help) {
    console.log(helpText(spec));
    return 0;
  }
  const options = parsed.values;
  checkNodeVersion();
  const region = requireRegion(options.region ?? process.env.INSIGHTS_REGION);
  const clientId = process.env.INSIGHTS_CLIENT_ID?.trim();
  const clientSecret = process.env.INSIGHTS_CLIENT_SECRET?.trim();
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new OrgScriptError(
      'only one of INSIGHTS_CLIENT_ID and INSIGHTS_CLIENT_SECRET is set: set both to connect the region, or neither when it is connected already'
    );
  }
  const project = readProjectFile(repositoryRoot);
  const sample = readSampleData();
  const org = await requireTargetOrg(sf, options['target-org']);

  const connection = await connect(org.username, project.sourceApiVersion);
  const context: Context = {
    connection,
    project,
    region,
    mappings: LOGINS_MAPPINGS.map((mapping) => ({
      ...mapping,
      field: qualifiedName(project, mapping.field)
    }))
  };
  if (clientId && clientSecret) {
    await storeCredentials(context, clientId, clientSecret);
  }
  await testConnection(context);
  const report = await findReport(context, options['report-id'] ?? process.env.INSIGHTS_REPORT_ID);
  const { rows, columns } = await readReport(context, report);
  const reportKeys = new Set(
    rows.map((row) => normalizeKey(row[KEY_COLUMN])).filter((key): key is string => key !== null)
  );

  const progress = { saved: false };
  const createdLeads: string[] = [];
  let problems: string[] = [];
  let failure: unknown;
  try {
    await prepareSampleLeads(context, sample, reportKeys, createdLeads);
    const before = await leadsWithKeys(context, [...reportKeys]);
    const expected = expectRun(rows, KEY_COLUMN, context.mappings, before);
    await saveIntegration(context, report, columns, options.timeout, progress);
    const run = await runNow(context, options.timeout);
    console.log(`  run ${run.id}: ${run.status}`);
    const after = await leadsWithKeys(context, [...reportKeys]);
    problems = verify(context, expected, run, after);
    console.log('');
    console.log(
      `Expected: ${JSON.stringify(expected.counts)}; ${expected.valuesByRecordId.size} Leads checked field by field`
    );
    console.log(`Run log:  ${JSON.stringify(run.counts)}`);
  } catch (error) {
    failure = error;
  }

  const cleanup = options['keep-data']
    ? []
    : await cleanUp(
        context,
        progress.saved,
        { company: sample.company, leads: createdLeads },
        options.timeout
      );
  if (options['keep-data']) {
    console.log(
      `Kept (--keep-data): ${INTEGRATION_NAME} and the ${createdLeads.length} Leads created.`
    );
  }
  if (failure !== undefined) {
    const { headline, details } = describeFailure(failure);
    throw new OrgScriptError(headline, [...details, ...cleanup]);
  }
  if (problems.length > 0) {
    const plural = problems.length === 1 ? '' : 's';
    throw new OrgScriptError(
      `${problems.length} difference${plural} between the report and the org${cleanup.length > 0 ? '; the clean-up failed too' : ''}`,
      [...problems, ...cleanup]
    );
  }
  if (cleanup.length > 0) {
    throw new OrgScriptError('the run matched the report, but the clean-up failed', cleanup);
  }
  console.log(
    "Result: passed — every checked Lead holds the report's values and the run log counts match."
  );
  return 0;
}

await runScript(spec.script, () => main(process.argv.slice(2), createSf()));
