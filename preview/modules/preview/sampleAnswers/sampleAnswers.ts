/**
 * The sample answers of the console's Apex methods in the preview: imported once by main.ts,
 * before any component asks. Each answer behaves as the Apex does (filters, limits, messages),
 * over one preview org (sampleConsole.ts) that changes as the console uses it: connecting a
 * region, saving an integration (its Integration_Saved__e follows a second later), Run Now (the
 * run goes Queued, Running, then Completed or Failed, with its log).
 *
 * The preview org starts with Europe connected and the other regions not, the integrations of
 * preview/sampleIntegrations, the sample runs of preview/sampleRuns and no dispatcher scheduled.
 */
import { answer, publish } from 'preview/backend';
// Relative, with the `.js` the compiled module has: the script tests import the sample org under
// Node, where the `preview/*` names of tsconfig do not resolve, so it imports its parts this way.
import { SampleConsole } from './sampleConsole.js';
import type { StoredSettings } from './settings.js';

// The settings saved in the Settings panel outlive a reload of the page (not the tab), as the
// org default does in an org.
const SETTINGS_KEY = 'insights-sync-preview-settings';
const org = new SampleConsole({ publish, settings: savedSettings() });

function savedSettings(): StoredSettings | undefined {
  try {
    const stored = globalThis.sessionStorage?.getItem(SETTINGS_KEY);
    return stored ? (JSON.parse(stored) as StoredSettings) : undefined;
  } catch (_error) {
    return undefined;
  }
}

/** An Apex String parameter: anything else arrives as null. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An Apex Integer parameter. */
function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/** An Apex IntegrationDefinition parameter, as Lightning hands the object over. */
function definition(value: unknown): InsightsSync.IntegrationDefinition | undefined {
  return value !== null && typeof value === 'object'
    ? (value as InsightsSync.IntegrationDefinition)
    : undefined;
}

// ConnectionController
answer('ConnectionController.getConnections', () => org.getConnections());
answer('ConnectionController.connect', ({ regionCode, clientId, clientSecret }) =>
  org.connect(text(regionCode), text(clientId), text(clientSecret))
);
answer('ConnectionController.testConnection', ({ regionCode }) =>
  org.testConnection(text(regionCode))
);
answer('ConnectionController.disconnect', ({ regionCode }) => org.disconnect(text(regionCode)));
answer('ConnectionController.getEnvironment', () => org.getEnvironment());

// IntegrationController
answer('IntegrationController.getIntegrations', () => org.getIntegrations());
answer('IntegrationController.getIntegration', ({ developerName }) =>
  org.getIntegration(text(developerName))
);
answer('IntegrationController.getReports', ({ regionCode }) => org.getReports(text(regionCode)));
answer('IntegrationController.getCsvCredentials', () => org.getCsvCredentials());
answer('IntegrationController.readCsvSample', ({ namedCredential, filePath }) =>
  org.readCsvSample(text(namedCredential), text(filePath))
);
answer('IntegrationController.getObjects', () => org.getObjects());
answer('IntegrationController.describeObject', ({ objectApiName }) =>
  org.describeObject(text(objectApiName))
);
answer('IntegrationController.getCompatibility', () => org.getCompatibility());
answer('IntegrationController.getTemplates', () => org.getTemplates());
answer('IntegrationController.getFieldRequestText', ({ templateKey, objectApiName }) =>
  org.getFieldRequestText(text(templateKey), text(objectApiName))
);
answer('IntegrationController.getSaveEventChannel', () => org.getSaveEventChannel());
answer('IntegrationController.saveIntegration', (params) =>
  org.saveIntegration(definition(params.definition))
);
answer('IntegrationController.previewIntegration', (params) =>
  org.previewIntegration(definition(params.definition), integer(params.maxRows))
);
answer('IntegrationController.runNow', ({ developerName }) => org.runNow(text(developerName)));
answer('IntegrationController.pauseIntegration', ({ developerName }) =>
  org.pauseIntegration(text(developerName))
);
answer('IntegrationController.resumeIntegration', ({ developerName }) =>
  org.resumeIntegration(text(developerName))
);
answer('IntegrationController.archiveIntegration', ({ developerName }) =>
  org.archiveIntegration(text(developerName))
);
answer('IntegrationController.getArchivedIntegrations', () => org.getArchivedIntegrations());
answer('IntegrationController.restoreIntegration', ({ developerName }) =>
  org.restoreIntegration(text(developerName))
);
answer('IntegrationController.getSchedulerStatus', () => org.getSchedulerStatus());
answer('IntegrationController.scheduleDispatcher', () => org.scheduleDispatcher());
answer('IntegrationController.unscheduleJobs', () => org.unscheduleJobs());

// RunLogController
answer('RunLogController.getRuns', ({ integrationName, maxRuns }) =>
  org.getRuns(text(integrationName), integer(maxRuns))
);
answer('RunLogController.getRunDetail', ({ runId }) => org.getRunDetail(text(runId)));

// SettingsController
answer('SettingsController.getSettings', () => org.getSettings());
answer('SettingsController.saveSettings', (params) => {
  const saved = org.saveSettings(
    integer(params.logRetentionDays),
    text(params.failureEmailRecipients),
    params.alertOnCompletedWithErrors === true
  );
  globalThis.sessionStorage?.setItem(SETTINGS_KEY, JSON.stringify(org.storedSettings()));
  return saved;
});
answer('SettingsController.scheduleJob', ({ job }) => org.scheduleJob(text(job)));
answer('SettingsController.unscheduleJob', ({ job }) => org.unscheduleJob(text(job)));
