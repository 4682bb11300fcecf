/**
 * The sample Leads and Contacts of `scripts/org/data/sample-records.json`: read and checked
 * here, inserted into a scratch org by `org:create` (Contacts under one Account named like the
 * Leads' company), found or created again by the e2e run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';
import { repositoryRoot } from '../../lib/project.ts';
import { OrgScriptError } from './main.ts';
import { isObject, textOf } from './sf.ts';

export const SAMPLE_DATA_FILE = join(
  repositoryRoot,
  'scripts',
  'org',
  'data',
  'sample-records.json'
);

export interface SamplePerson {
  readonly FirstName: string;
  readonly LastName: string;
  readonly Email: string;
}

export interface SampleData {
  /** Company of every Lead and name of the Contacts' Account: how sample records are found. */
  readonly company: string;
  readonly leads: readonly SamplePerson[];
  readonly contacts: readonly SamplePerson[];
}

function people(value: unknown, what: string): SamplePerson[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new OrgScriptError(`${SAMPLE_DATA_FILE}: "${what}" must be a non-empty list`);
  }
  return value.map((entry, index) => {
    const firstName = isObject(entry) ? textOf(entry.FirstName) : undefined;
    const lastName = isObject(entry) ? textOf(entry.LastName) : undefined;
    const email = isObject(entry) ? textOf(entry.Email) : undefined;
    if (!firstName || !lastName || !email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      throw new OrgScriptError(
        `${SAMPLE_DATA_FILE}: ${what}[${index}] needs FirstName, LastName and a valid Email`
      );
    }
    return { FirstName: firstName, LastName: lastName, Email: email };
  });
}

export function readSampleData(path: string = SAMPLE_DATA_FILE): SampleData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrgScriptError(
      `${path} cannot be read (${error instanceof Error ? error.message : String(error)})`
    );
  }
  const company = isObject(parsed) ? textOf(parsed.company) : undefined;
  if (!isObject(parsed) || !company) {
    throw new OrgScriptError(`${path}: needs "company", "leads" and "contacts"`);
  }
  return {
    company,
    leads: people(parsed.leads, 'leads'),
    contacts: people(parsed.contacts, 'contacts')
  };
}

interface SaveResult {
  id?: string;
  success: boolean;
  errors: unknown[];
}

function checkSaved(results: readonly SaveResult[], what: string): string[] {
  const failed = results.filter((result) => !result.success);
  if (failed.length > 0) {
    throw new OrgScriptError(
      `${failed.length} of ${results.length} ${what} could not be inserted`,
      failed.map((result) => JSON.stringify(result.errors))
    );
  }
  return results.map((result) => result.id ?? '');
}

export async function insertRecords(
  connection: Connection,
  objectName: string,
  records: readonly Record<string, string>[]
): Promise<string[]> {
  if (records.length === 0) {
    return [];
  }
  const results = await connection.sobject(objectName).create(
    records.map((record) => ({ ...record })),
    { allOrNone: true }
  );
  return checkSaved(results, `${objectName} records`);
}

/** Inserts the Leads, the Account and its Contacts; returns how many of each. */
export async function loadSampleData(
  connection: Connection,
  data: SampleData
): Promise<{ leads: number; contacts: number }> {
  const leads = await insertRecords(
    connection,
    'Lead',
    data.leads.map((lead) => ({ ...lead, Company: data.company }))
  );
  const [accountId = ''] = await insertRecords(connection, 'Account', [{ Name: data.company }]);
  const contacts = await insertRecords(
    connection,
    'Contact',
    data.contacts.map((contact) => ({ ...contact, AccountId: accountId }))
  );
  return { leads: leads.length, contacts: contacts.length };
}
