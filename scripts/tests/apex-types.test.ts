/**
 * types/apex.d.ts against the Apex it types. Every `@AuraEnabled` method of a controller
 * (force-app/**\/classes/*Controller.cls) has its `@salesforce/apex/<Class>.<method>` module, with
 * the Apex parameter names and types and the Apex return type; the d.ts declares no module for a
 * method that does not exist; and every Apex class the controllers exchange has an interface in
 * the `InsightsSync` namespace with exactly its `@AuraEnabled` members. A console component typed
 * against a stale declaration would compile and then fail in the org, where a renamed Apex
 * parameter silently arrives as null.
 *
 * Apex types map to TypeScript as Lightning serialises them: Id/String → string,
 * Integer/Long/Decimal/Double → number, Boolean → boolean, Date/Datetime/Time → string (ISO),
 * Object → unknown, List<X>/Set<X>/X[] → X[], Map<String, X> → Record<string, X>, and an Apex
 * class → the interface of the same name in `InsightsSync`. Inner classes are refused: Lightning
 * web components cannot pass or receive them.
 */
import { withoutComments } from '../lib/apexSource.ts';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { displayPath, listFiles, repositoryRoot } from '../lib/project.ts';

const DECLARATIONS = 'types/apex.d.ts';
const NAMESPACE = 'InsightsSync';
const MODULE_PREFIX = '@salesforce/apex/';

/** Apex value types and what Lightning turns them into (keys lower case: Apex ignores case). */
const PRIMITIVES: Readonly<Record<string, string>> = {
  id: 'string',
  string: 'string',
  integer: 'number',
  long: 'number',
  decimal: 'number',
  double: 'number',
  boolean: 'boolean',
  date: 'string',
  datetime: 'string',
  time: 'string',
  object: 'unknown'
};

/** The Apex sources the check reads, by path relative to the project, and the d.ts text. */
interface Sources {
  apex: Map<string, string>;
  declarations: string;
}

interface ApexParameter {
  type: string;
  name: string;
}

interface ApexMethod {
  className: string;
  name: string;
  modifiers: string[];
  returnType: string;
  parameters: ApexParameter[];
}

interface ApexMember {
  type: string;
  name: string;
}

interface DeclaredModule {
  className: string;
  methodName: string;
  /** Parameter name → TypeScript type text; empty when the function takes no argument. */
  parameters: Map<string, string>;
  /** The type inside `Promise<…>`, or a problem when the function is not shaped that way. */
  resolves: string | undefined;
  shapeProblems: string[];
}

interface DeclaredInterface {
  name: string;
  members: Map<string, string>;
}

/** What the check found wrong, by kind; every entry names the method, class or member. */
interface Problems {
  methods: string[];
  strayModules: string[];
  interfaces: string[];
}

// ---------------------------------------------------------------------------------------------
// Apex (regular expressions over source without comments: enough for these declarations)

/** Splits at commas outside angle brackets (`Map<String, List<String>> a, Integer b`). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '<') depth++;
    if (char === '>') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') {
    parts.push(current);
  }
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const TYPE = String.raw`[\w.]+(?:\s*<[^;{}()=]*?>)?(?:\s*\[\s*\])?`;
const ANNOTATION = String.raw`@AuraEnabled\b(?:\s*\([^)]*\))?`;
const METHOD = new RegExp(
  String.raw`${ANNOTATION}\s+((?:(?:public|global|private|protected|static|override|virtual)\s+)+)(${TYPE})\s+(\w+)\s*\(([^)]*)\)`,
  'gi'
);
const MEMBER = new RegExp(
  String.raw`${ANNOTATION}\s+((?:(?:public|global|private|protected|static|final|transient)\s+)+)(${TYPE})\s+(\w+)\s*(?:=|;|\{)`,
  'gi'
);

function className(path: string): string {
  return basename(path, '.cls');
}

function methodsOf(path: string, source: string): ApexMethod[] {
  return [...withoutComments(source).matchAll(METHOD)].map((match) => ({
    className: className(path),
    name: match[3] ?? '',
    modifiers: (match[1] ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    returnType: (match[2] ?? '').replace(/\s+/g, ''),
    parameters: splitTopLevel(match[4] ?? '').map((parameter) => {
      const words = parameter.replace(/^final\s+/i, '');
      const name = words.slice(words.search(/\w+$/));
      return { type: words.slice(0, -name.length).replace(/\s+/g, ''), name };
    })
  }));
}

function membersOf(source: string): ApexMember[] {
  return [...withoutComments(source).matchAll(MEMBER)]
    .filter((match) => !/\bstatic\b/i.test(match[1] ?? ''))
    .map((match) => ({ type: (match[2] ?? '').replace(/\s+/g, ''), name: match[3] ?? '' }));
}

/** The Apex classes of the project by lower-case name (Apex names ignore case). */
function classIndex(apex: Map<string, string>): Map<string, string> {
  const index = new Map<string, string>();
  for (const path of apex.keys()) {
    index.set(className(path).toLowerCase(), path);
  }
  return index;
}

/**
 * The TypeScript type Lightning gives an Apex type; the Apex classes it names are added to
 * `classes`. Throws with a readable reason for a type the console cannot exchange.
 */
function tsTypeOf(apexType: string, classes: Map<string, string>, used: Set<string>): string {
  const type = apexType.replace(/\s+/g, '');
  const arrayOf = /^(?:List|Set)<(.+)>$/i.exec(type) ?? /^(.+)\[\]$/.exec(type);
  if (arrayOf) {
    return `${tsTypeOf(arrayOf[1] ?? '', classes, used)}[]`;
  }
  const mapOf = /^Map<([^,<>]+),(.+)>$/i.exec(type);
  if (mapOf) {
    const key = (mapOf[1] ?? '').toLowerCase();
    if (key !== 'string' && key !== 'id') {
      throw new Error(`${apexType}: only maps keyed by String become objects`);
    }
    return `Record<string,${tsTypeOf(mapOf[2] ?? '', classes, used)}>`;
  }
  const primitive = PRIMITIVES[type.toLowerCase()];
  if (primitive) {
    return primitive;
  }
  if (type.includes('.')) {
    throw new Error(
      `${apexType} is an inner class, which a Lightning web component can neither pass nor receive: use a top-level class`
    );
  }
  const path = classes.get(type.toLowerCase());
  if (!path) {
    throw new Error(`${apexType} is neither an Apex value type nor a class of the project`);
  }
  const name = className(path);
  used.add(name);
  return `${NAMESPACE}.${name}`;
}

// ---------------------------------------------------------------------------------------------
// The declarations (parsed with the TypeScript compiler)

function typeText(node: ts.Node | undefined, file: ts.SourceFile): string | undefined {
  return node ? node.getText(file).replace(/\s+/g, '') : undefined;
}

/** Inside the namespace its interfaces name each other unqualified: `RunSummary[]`. */
function qualified(text: string, namespaceInterfaces: readonly string[]): string {
  return text.replace(/(^|[^.\w])([A-Za-z_]\w*)/g, (whole, before: string, name: string) =>
    namespaceInterfaces.includes(name) ? `${before}${NAMESPACE}.${name}` : whole
  );
}

function parseDeclarations(text: string): {
  modules: Map<string, DeclaredModule>;
  interfaces: Map<string, DeclaredInterface>;
} {
  const file = ts.createSourceFile(DECLARATIONS, text, ts.ScriptTarget.Latest, true);
  const modules = new Map<string, DeclaredModule>();
  const interfaces = new Map<string, DeclaredInterface>();
  for (const statement of file.statements) {
    if (!ts.isModuleDeclaration(statement) || !statement.body) {
      continue;
    }
    if (!ts.isModuleBlock(statement.body)) {
      continue;
    }
    if (ts.isIdentifier(statement.name) && statement.name.text === NAMESPACE) {
      const declarations = statement.body.statements.filter(ts.isInterfaceDeclaration);
      const names = declarations.map((declaration) => declaration.name.text);
      for (const declaration of declarations) {
        const members = new Map<string, string>();
        for (const member of declaration.members) {
          if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) {
            const text = typeText(member.type, file) ?? '';
            members.set(member.name.text, qualified(text, names));
          }
        }
        interfaces.set(declaration.name.text, { name: declaration.name.text, members });
      }
    }
    if (ts.isStringLiteral(statement.name) && statement.name.text.startsWith(MODULE_PREFIX)) {
      const [className = '', methodName = ''] = statement.name.text
        .slice(MODULE_PREFIX.length)
        .split('.');
      modules.set(
        `${className}.${methodName}`,
        parseModule(statement.body, file, className, methodName)
      );
    }
  }
  return { modules, interfaces };
}

/** `const m: (params: { a: string }) => Promise<T>; export default m;` */
function parseModule(
  body: ts.ModuleBlock,
  file: ts.SourceFile,
  className: string,
  methodName: string
): DeclaredModule {
  const declared: DeclaredModule = {
    className,
    methodName,
    parameters: new Map(),
    resolves: undefined,
    shapeProblems: []
  };
  let functionType: ts.FunctionTypeNode | undefined;
  let exported = false;
  for (const statement of body.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const variable of statement.declarationList.declarations) {
        if (variable.type && ts.isFunctionTypeNode(variable.type)) {
          functionType = variable.type;
        }
      }
    }
    if (
      ts.isExportAssignment(statement) &&
      ts.isIdentifier(statement.expression) &&
      statement.expression.text === methodName
    ) {
      exported = true;
    }
  }
  if (!exported) {
    declared.shapeProblems.push(`no \`export default ${methodName}\``);
  }
  if (!functionType) {
    declared.shapeProblems.push('no function-typed const to export');
    return declared;
  }
  const [single, ...more] = functionType.parameters;
  if (more.length > 0) {
    declared.shapeProblems.push('the parameters must be one object keyed by parameter name');
  }
  if (single) {
    if (single.type && ts.isTypeLiteralNode(single.type)) {
      for (const member of single.type.members) {
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) {
          declared.parameters.set(member.name.text, typeText(member.type, file) ?? '');
        }
      }
    } else {
      declared.shapeProblems.push('the parameters must be one object keyed by parameter name');
    }
  }
  const returned = functionType.type;
  if (
    ts.isTypeReferenceNode(returned) &&
    ts.isIdentifier(returned.typeName) &&
    returned.typeName.text === 'Promise' &&
    returned.typeArguments?.length === 1
  ) {
    declared.resolves = typeText(returned.typeArguments[0], file);
  } else {
    declared.shapeProblems.push('it must return a Promise of the Apex return type');
  }
  return declared;
}

// ---------------------------------------------------------------------------------------------
// The check

function isController(path: string): boolean {
  return /(^|\/)classes\/\w+Controller\.cls$/.test(path);
}

function controllerMethods(sources: Sources): ApexMethod[] {
  return [...sources.apex.entries()]
    .filter(([path]) => isController(path))
    .flatMap(([path, source]) => methodsOf(path, source));
}

function describeList(names: Iterable<string>): string {
  const list = [...names].sort();
  return list.length === 0 ? 'none' : list.join(', ');
}

function checkApexTypes(sources: Sources): Problems {
  const problems: Problems = { methods: [], strayModules: [], interfaces: [] };
  const classes = classIndex(sources.apex);
  const { modules, interfaces } = parseDeclarations(sources.declarations);
  const methods = controllerMethods(sources);
  const used = new Set<string>();
  const expectedModules = new Set<string>();

  for (const method of methods) {
    const key = `${method.className}.${method.name}`;
    expectedModules.add(key);
    const where = `${key} (${MODULE_PREFIX}${key})`;
    if (!method.modifiers.includes('static')) {
      problems.methods.push(`${where}: an @AuraEnabled controller method must be static`);
    }
    if (!method.modifiers.includes('public') && !method.modifiers.includes('global')) {
      problems.methods.push(`${where}: an @AuraEnabled controller method must be public`);
    }
    const declared = modules.get(key);
    if (!declared) {
      problems.methods.push(`${where}: no module in ${DECLARATIONS}`);
      continue;
    }
    for (const shape of declared.shapeProblems) {
      problems.methods.push(`${where}: ${shape}`);
    }
    const apexNames = method.parameters.map((parameter) => parameter.name);
    const declaredNames = [...declared.parameters.keys()];
    if (describeList(apexNames) !== describeList(declaredNames)) {
      problems.methods.push(
        `${where}: parameters (${describeList(declaredNames)}) in ${DECLARATIONS}, (${describeList(apexNames)}) in Apex`
      );
    }
    for (const parameter of method.parameters) {
      const declaredType = declared.parameters.get(parameter.name);
      if (declaredType === undefined) {
        continue;
      }
      try {
        const expected = tsTypeOf(parameter.type, classes, used);
        if (declaredType !== expected) {
          problems.methods.push(
            `${where}: parameter ${parameter.name} is ${declaredType} in ${DECLARATIONS}, but ${parameter.type} in Apex (expected ${expected})`
          );
        }
      } catch (error) {
        problems.methods.push(`${where}: parameter ${parameter.name}: ${(error as Error).message}`);
      }
    }
    try {
      const expected =
        method.returnType.toLowerCase() === 'void'
          ? 'void'
          : tsTypeOf(method.returnType, classes, used);
      if (declared.resolves !== undefined && declared.resolves !== expected) {
        problems.methods.push(
          `${where}: resolves to ${declared.resolves} in ${DECLARATIONS}, but returns ${method.returnType} in Apex (expected Promise<${expected}>)`
        );
      }
    } catch (error) {
      problems.methods.push(`${where}: return type: ${(error as Error).message}`);
    }
  }

  for (const [key, declared] of modules) {
    if (!expectedModules.has(key)) {
      problems.strayModules.push(
        `${DECLARATIONS} declares ${MODULE_PREFIX}${key}, but ${declared.className} has no @AuraEnabled method ${declared.methodName} in a *Controller.cls`
      );
    }
  }

  // The classes the controllers exchange, and the classes their members name, in turn.
  const checked = new Set<string>();
  const pending = [...used];
  while (pending.length > 0) {
    const name = pending.shift() ?? '';
    if (checked.has(name)) {
      continue;
    }
    checked.add(name);
    const path = classes.get(name.toLowerCase()) ?? '';
    const declared = interfaces.get(name);
    if (!declared) {
      problems.interfaces.push(
        `${NAMESPACE}.${name}: no interface in ${DECLARATIONS} for the Apex class ${path}`
      );
      continue;
    }
    const members = membersOf(sources.apex.get(path) ?? '');
    const apexNames = members.map((member) => member.name);
    const declaredNames = [...declared.members.keys()];
    const missing = apexNames.filter((member) => !declared.members.has(member));
    const extra = declaredNames.filter((member) => !apexNames.includes(member));
    if (missing.length > 0 || extra.length > 0) {
      problems.interfaces.push(
        `${NAMESPACE}.${name}: members missing in ${DECLARATIONS}: ${describeList(missing)}; members not @AuraEnabled in ${path}: ${describeList(extra)}`
      );
    }
    for (const member of members) {
      const declaredType = declared.members.get(member.name);
      const found = new Set<string>();
      try {
        const expected = tsTypeOf(member.type, classes, found);
        if (declaredType !== undefined && declaredType !== expected) {
          problems.interfaces.push(
            `${NAMESPACE}.${name}.${member.name} is ${declaredType} in ${DECLARATIONS}, but ${member.type} in ${path} (expected ${expected})`
          );
        }
      } catch (error) {
        problems.interfaces.push(
          `${NAMESPACE}.${name}.${member.name}: ${(error as Error).message}`
        );
      }
      pending.push(...found);
    }
  }
  for (const name of interfaces.keys()) {
    if (!checked.has(name)) {
      problems.interfaces.push(
        `${NAMESPACE}.${name} is declared in ${DECLARATIONS}, but no controller method passes or returns it`
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

function projectSources(): Sources {
  const apex = new Map<string, string>();
  const files = listFiles(join(repositoryRoot, 'force-app'), (path) =>
    /[/\\]classes[/\\][^/\\]+\.cls$/.test(path)
  );
  for (const file of files) {
    apex.set(displayPath(repositoryRoot, file), readFileSync(file, 'utf8'));
  }
  return { apex, declarations: readFileSync(join(repositoryRoot, DECLARATIONS), 'utf8') };
}

function report(found: string[]): string {
  return found.length === 0 ? '' : `\n  ${found.join('\n  ')}`;
}

/** The project's sources with one file changed in memory. */
function changed(path: string, edit: (text: string) => string): Sources {
  const sources = projectSources();
  if (path === DECLARATIONS) {
    const edited = edit(sources.declarations);
    assert.notEqual(edited, sources.declarations, `the edit must change ${path}`);
    return { ...sources, declarations: edited };
  }
  const text = sources.apex.get(path);
  assert.ok(text !== undefined, `${path} exists`);
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit must change ${path}`);
  const apex = new Map(sources.apex);
  apex.set(path, edited);
  return { ...sources, apex };
}

function allProblems(sources: Sources): string[] {
  const found = checkApexTypes(sources);
  return [...found.methods, ...found.strayModules, ...found.interfaces];
}

const INTEGRATION_CONTROLLER = 'force-app/main/console/classes/IntegrationController.cls';
const RUN_SUMMARY = 'force-app/main/console/classes/RunSummary.cls';

describe('types/apex.d.ts and the Apex controllers', () => {
  const sources = projectSources();

  it('finds the controllers and their @AuraEnabled methods', () => {
    const names = controllerMethods(sources).map((method) => `${method.className}.${method.name}`);
    for (const expected of [
      'ConnectionController.connect',
      'IntegrationController.getIntegrations',
      'IntegrationController.saveIntegration',
      'RunLogController.getRunDetail'
    ]) {
      assert.ok(names.includes(expected), `${expected} among ${names.join(', ')}`);
    }
  });

  it('declares a module for every @AuraEnabled method, with its parameters and return type', () => {
    const found = checkApexTypes(sources);
    assert.deepEqual(found.methods, [], `methods that do not match:${report(found.methods)}`);
  });

  it('declares no module for a method that does not exist', () => {
    const found = checkApexTypes(sources);
    assert.deepEqual(
      found.strayModules,
      [],
      `modules without a method:${report(found.strayModules)}`
    );
  });

  it('declares an interface with the @AuraEnabled members of every class the methods exchange', () => {
    const found = checkApexTypes(sources);
    assert.deepEqual(
      found.interfaces,
      [],
      `interfaces that do not match:${report(found.interfaces)}`
    );
  });
});

describe('the check fails, naming what does not match, when', () => {
  it('a parameter is renamed in the declarations', () => {
    const problems = allProblems(
      changed(DECLARATIONS, (text) =>
        text.replace(
          'const getIntegration: (params: {\n    developerName: string;',
          'const getIntegration: (params: {\n    name: string;'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('IntegrationController.getIntegration ') &&
          problem.includes('parameters (name) in types/apex.d.ts, (developerName) in Apex')
      ),
      problems.join('\n')
    );
  });

  it('a parameter has another type than in Apex', () => {
    const problems = allProblems(
      changed(DECLARATIONS, (text) =>
        text.replace(
          'integrationName?: string;\n    maxRuns?: number;',
          'integrationName?: number;\n    maxRuns?: number;'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('RunLogController.getRuns ') &&
          problem.includes('parameter integrationName is number')
      ),
      problems.join('\n')
    );
  });

  it('a method returns another type than declared', () => {
    const problems = allProblems(
      changed(DECLARATIONS, (text) =>
        text.replace(
          'const getIntegrations: () => Promise<InsightsSync.IntegrationRow[]>;',
          'const getIntegrations: () => Promise<InsightsSync.IntegrationRow>;'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('IntegrationController.getIntegrations ') &&
          problem.includes('expected Promise<InsightsSync.IntegrationRow[]>')
      ),
      problems.join('\n')
    );
  });

  it('a method has no module', () => {
    const problems = allProblems(
      changed(DECLARATIONS, (text) =>
        text.replace("'@salesforce/apex/RunLogController.getRunDetail'", "'not-apex'")
      )
    );
    assert.ok(
      problems.includes(
        'RunLogController.getRunDetail (@salesforce/apex/RunLogController.getRunDetail): no module in types/apex.d.ts'
      ),
      problems.join('\n')
    );
  });

  it('a module names a method that does not exist', () => {
    const problems = allProblems(
      changed(
        DECLARATIONS,
        (text) =>
          `${text}\ndeclare module '@salesforce/apex/IntegrationController.deleteIntegration' {\n  const deleteIntegration: (params: { developerName: string }) => Promise<string>;\n  export default deleteIntegration;\n}\n`
      )
    );
    assert.ok(
      problems.some((problem) =>
        problem.includes(
          'declares @salesforce/apex/IntegrationController.deleteIntegration, but IntegrationController has no @AuraEnabled method deleteIntegration'
        )
      ),
      problems.join('\n')
    );
  });

  it('an Apex parameter is renamed', () => {
    const problems = allProblems(
      changed(INTEGRATION_CONTROLLER, (text) =>
        text.replace(
          'public static Id runNow(String developerName)',
          'public static Id runNow(String integrationName)'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('IntegrationController.runNow ') &&
          problem.includes('(developerName) in types/apex.d.ts, (integrationName) in Apex')
      ),
      problems.join('\n')
    );
  });

  it('an @AuraEnabled member is added to a class the console receives', () => {
    const problems = allProblems(
      changed(RUN_SUMMARY, (text) =>
        text.replace(
          '  @AuraEnabled\n  public String errorSummary;',
          '  @AuraEnabled\n  public String errorSummary;\n  @AuraEnabled\n  public Integer retries;'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('InsightsSync.RunSummary:') &&
          problem.includes('members missing in types/apex.d.ts: retries')
      ),
      problems.join('\n')
    );
  });

  it('a member of a class the console receives has another type than in Apex', () => {
    const problems = allProblems(
      changed(DECLARATIONS, (text) => text.replace('runtimeMs?: number;', 'runtimeMs?: string;'))
    );
    assert.ok(
      problems.includes(
        'InsightsSync.RunSummary.runtimeMs is string in types/apex.d.ts, but Long in force-app/main/console/classes/RunSummary.cls (expected number)'
      ),
      problems.join('\n')
    );
  });

  it('a controller returns an inner class', () => {
    const problems = allProblems(
      changed(INTEGRATION_CONTROLLER, (text) =>
        text.replace(
          'public static SchedulerStatus getSchedulerStatus()',
          'public static SyncScheduler.DispatcherStatus getSchedulerStatus()'
        )
      )
    );
    assert.ok(
      problems.some(
        (problem) =>
          problem.startsWith('IntegrationController.getSchedulerStatus ') &&
          problem.includes('SyncScheduler.DispatcherStatus is an inner class')
      ),
      problems.join('\n')
    );
  });
});
