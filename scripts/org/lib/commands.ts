/**
 * The command lines of the org scripts, in one place so that tests can parse them without
 * running a script.
 */
import { booleanFlag, integerFlag, stringFlag } from './args.ts';
import { DEFAULT_SCRATCH_ALIAS } from './prerequisites.ts';

const targetOrg = stringFlag({
  description: 'alias or username of the org',
  valueName: 'ORG',
  defaultValue: DEFAULT_SCRATCH_ALIAS
});

const targetDevHub = stringFlag({
  description: 'alias or username of the Dev Hub (default: the default Dev Hub)',
  valueName: 'DEVHUB'
});

export const createScratchOrgCommand = {
  script: 'org:create',
  summary:
    'Creates a scratch org with the package deployed, the permission sets assigned and the sample Leads and Contacts loaded.',
  flags: {
    alias: stringFlag({
      description: 'alias of the new scratch org',
      valueName: 'ALIAS',
      defaultValue: DEFAULT_SCRATCH_ALIAS
    }),
    'target-dev-hub': targetDevHub,
    'duration-days': integerFlag({
      description: 'days before the scratch org expires',
      valueName: 'DAYS',
      defaultValue: 7,
      min: 1,
      max: 30
    }),
    wait: integerFlag({
      description: 'minutes to wait for the org, and again for the deploy',
      valueName: 'MINUTES',
      defaultValue: 20,
      min: 2,
      max: 120
    }),
    'keep-on-failure': booleanFlag('keep the scratch org when a step after its creation fails')
  }
};

export const testOrgCommand = {
  script: 'test:org',
  summary:
    'Runs every Apex test of the org with code coverage; fails on a failing test, below 90% overall or below 75% for any class.',
  flags: {
    'target-org': targetOrg,
    wait: integerFlag({
      description: 'minutes to wait for the test run',
      valueName: 'MINUTES',
      defaultValue: 30,
      min: 1,
      max: 240
    }),
    'result-file': stringFlag({
      description: "also write TestService's full result as JSON to this file",
      valueName: 'FILE'
    })
  }
};

export const e2eOrgCommand = {
  script: 'e2e:org',
  summary:
    'Creates a Logins → Lead integration, runs it against the connected Insights account, checks the Leads and the run log, then cleans up.',
  flags: {
    'target-org': targetOrg,
    region: stringFlag({
      description:
        'the connected Insights region, US, EU, CA or FEDRAMP (default: $INSIGHTS_REGION)',
      valueName: 'REGION'
    }),
    'report-id': stringFlag({
      description:
        'the Insights report to sync (default: $INSIGHTS_REPORT_ID, else the one report with the Logins columns)',
      valueName: 'ID'
    }),
    timeout: integerFlag({
      description: 'minutes to wait for the integration to deploy and for the run to finish',
      valueName: 'MINUTES',
      defaultValue: 15,
      min: 1,
      max: 120
    }),
    'keep-data': booleanFlag('leave the integration and the Leads the run created, to inspect them')
  }
};

export const packageVersionCommand = {
  script: 'package:version',
  summary:
    'Creates a package version of "Insights Sync for Salesforce" with code coverage and prints its id and install URL.',
  flags: {
    'target-dev-hub': targetDevHub,
    wait: integerFlag({
      description: 'minutes to wait for the version',
      valueName: 'MINUTES',
      defaultValue: 60,
      min: 1,
      max: 240
    })
  }
};

export const packagePromoteCommand = {
  script: 'package:promote',
  summary:
    'Promotes a package version to released (default: the newest version in sfdx-project.json).',
  flags: {
    'target-dev-hub': targetDevHub,
    'package-version': stringFlag({
      description: 'the version to promote: its 04t id or its alias in sfdx-project.json',
      valueName: '04t…|ALIAS'
    })
  }
};
