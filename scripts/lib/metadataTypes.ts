/**
 * Which Metadata API type a source-format `*-meta.xml` file holds, from its suffix (and, for
 * the few suffixes several types share, from its folder). The table follows the Salesforce
 * CLI's metadata registry for the types a package like this one is likely to hold; a suffix
 * missing here is reported rather than skipped, so the table grows when the project does.
 */
import { basename, dirname } from 'node:path';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

const TYPE_BY_SUFFIX: ReadonlyMap<string, string> = new Map([
  // Code and components
  ['cls', 'ApexClass'],
  ['trigger', 'ApexTrigger'],
  ['page', 'ApexPage'],
  ['component', 'ApexComponent'],
  ['js', 'LightningComponentBundle'],
  ['messageChannel', 'LightningMessageChannel'],
  ['resource', 'StaticResource'],
  ['asset', 'ContentAsset'],
  // Objects and their children
  ['object', 'CustomObject'],
  ['field', 'CustomField'],
  ['listView', 'ListView'],
  ['recordType', 'RecordType'],
  ['validationRule', 'ValidationRule'],
  ['compactLayout', 'CompactLayout'],
  ['fieldSet', 'FieldSet'],
  ['webLink', 'WebLink'],
  ['businessProcess', 'BusinessProcess'],
  ['sharingReason', 'SharingReason'],
  ['index', 'Index'],
  ['md', 'CustomMetadata'],
  ['globalValueSet', 'GlobalValueSet'],
  ['standardValueSet', 'StandardValueSet'],
  ['objectTranslation', 'CustomObjectTranslation'],
  ['fieldTranslation', 'CustomFieldTranslation'],
  ['translation', 'Translations'],
  ['globalValueSetTranslation', 'GlobalValueSetTranslation'],
  ['standardValueSetTranslation', 'StandardValueSetTranslation'],
  ['labels', 'CustomLabels'],
  // User interface
  ['app', 'CustomApplication'],
  ['tab', 'CustomTab'],
  ['flexipage', 'FlexiPage'],
  ['layout', 'Layout'],
  ['quickAction', 'QuickAction'],
  ['weblink', 'CustomPageWebLink'],
  ['appMenu', 'AppMenu'],
  ['homePageLayout', 'HomePageLayout'],
  ['pathAssistant', 'PathAssistant'],
  ['notiftype', 'CustomNotificationType'],
  ['brandingSet', 'BrandingSet'],
  ['lightningExperienceTheme', 'LightningExperienceTheme'],
  ['customHelpMenuSection', 'CustomHelpMenuSection'],
  // Access
  ['permissionset', 'PermissionSet'],
  ['permissionsetgroup', 'PermissionSetGroup'],
  ['mutingpermissionset', 'MutingPermissionSet'],
  ['profile', 'Profile'],
  ['customPermission', 'CustomPermission'],
  ['role', 'Role'],
  ['group', 'Group'],
  ['queue', 'Queue'],
  ['sharingRules', 'SharingRules'],
  ['sharingCriteriaRule', 'SharingCriteriaRule'],
  ['sharingOwnerRule', 'SharingOwnerRule'],
  ['delegateGroup', 'DelegateGroup'],
  // Integration and security
  ['namedCredential', 'NamedCredential'],
  ['externalCredential', 'ExternalCredential'],
  ['remoteSite', 'RemoteSiteSetting'],
  ['cspTrustedSite', 'CspTrustedSite'],
  ['corsWhitelistOrigin', 'CorsWhitelistOrigin'],
  ['connectedApp', 'ConnectedApp'],
  ['authprovider', 'AuthProvider'],
  ['crt', 'Certificate'],
  ['dataSource', 'ExternalDataSource'],
  ['externalServiceRegistration', 'ExternalServiceRegistration'],
  ['platformEventChannel', 'PlatformEventChannel'],
  ['platformEventChannelMember', 'PlatformEventChannelMember'],
  ['platformEventSubscriberConfig', 'PlatformEventSubscriberConfig'],
  ['cachePartition', 'PlatformCachePartition'],
  // Automation
  ['flow', 'Flow'],
  ['flowDefinition', 'FlowDefinition'],
  ['workflow', 'Workflow'],
  ['approvalProcess', 'ApprovalProcess'],
  ['assignmentRules', 'AssignmentRules'],
  ['autoResponseRules', 'AutoResponseRules'],
  ['escalationRules', 'EscalationRules'],
  ['duplicateRule', 'DuplicateRule'],
  ['matchingRule', 'MatchingRules'],
  ['entitlementProcess', 'EntitlementProcess'],
  ['milestoneType', 'MilestoneType'],
  ['notifications', 'ApexEmailNotifications'],
  // Email, reports, content
  ['email', 'EmailTemplate'],
  ['letter', 'Letterhead'],
  ['report', 'Report'],
  ['reportType', 'ReportType'],
  ['dashboard', 'Dashboard'],
  ['document', 'Document'],
  ['emailFolder', 'EmailFolder'],
  ['emailTemplateFolder', 'EmailTemplateFolder'],
  ['reportFolder', 'ReportFolder'],
  ['dashboardFolder', 'DashboardFolder'],
  ['documentFolder', 'DocumentFolder'],
  // Sites and experiences (`site` is decided by folder below)
  ['site', 'CustomSite'],
  ['network', 'Network'],
  ['audience', 'Audience'],
  // Agents and prompts
  ['bot', 'Bot'],
  ['botVersion', 'BotVersion'],
  ['genAiFunction', 'GenAiFunction'],
  ['genAiPlugin', 'GenAiPlugin'],
  ['genAiPlanner', 'GenAiPlanner'],
  ['genAiPromptTemplate', 'GenAiPromptTemplate'],
  // Packaging
  ['installedPackage', 'InstalledPackage'],
  ['featureParameterBoolean', 'FeatureParameterBoolean'],
  ['featureParameterDate', 'FeatureParameterDate'],
  ['featureParameterInteger', 'FeatureParameterInteger']
]);

/** Folders whose `.site-meta.xml` files are not CustomSites. */
const SITE_TYPE_BY_FOLDER: ReadonlyMap<string, string> = new Map([
  ['experiences', 'ExperienceBundle'],
  ['siteDotComSites', 'SiteDotCom']
]);

/** Every suffix the table knows, with its type, for the table's own tests. */
export function knownSuffixes(): ReadonlyMap<string, string> {
  return TYPE_BY_SUFFIX;
}

/** `field` for `Status__c.field-meta.xml`; `undefined` when the name has no suffix at all. */
export function metadataSuffixOf(path: string): string | undefined {
  const name = basename(path);
  if (!name.endsWith('-meta.xml')) {
    return undefined;
  }
  const stem = name.slice(0, -'-meta.xml'.length);
  const dot = stem.lastIndexOf('.');
  return dot > 0 && dot < stem.length - 1 ? stem.slice(dot + 1) : undefined;
}

/** The metadata type a `*-meta.xml` file holds, or `undefined` when its suffix is not known. */
export function metadataTypeOf(path: string): string | undefined {
  const suffix = metadataSuffixOf(path);
  if (suffix === undefined) {
    return undefined;
  }
  const folder = basename(dirname(path));
  // Aura bundles describe every definition file (.cmp, .app, .evt, …) with one bundle type.
  if (basename(dirname(dirname(path))) === 'aura') {
    return 'AuraDefinitionBundle';
  }
  // `Account.settings-meta.xml` holds AccountSettings: one type per settings file.
  if (suffix === 'settings') {
    return `${basename(path).slice(0, -'.settings-meta.xml'.length)}Settings`;
  }
  if (suffix === 'site') {
    return SITE_TYPE_BY_FOLDER.get(folder) ?? 'CustomSite';
  }
  return TYPE_BY_SUFFIX.get(suffix);
}
