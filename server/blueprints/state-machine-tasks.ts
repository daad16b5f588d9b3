import 'server-only';

import { collectReferences, referenceFromDotted, type Reference } from './intrinsics';
import { isJsonObject, type JsonObject } from './json';

/** A Task state and the template names its Resource and Parameters point at. */
export interface TaskReferences {
  state: string;
  references: Reference[];
}

interface DefinitionSource {
  /** The definition with every `${…}` placeholder inside strings replaced by a token. */
  definition: unknown;
  /** What each token stands for. */
  tokens: Map<string, Reference[]>;
}

const TOKEN = /@@slipway-ref-(\d+)@@/g;
// A JSON string literal; placeholders inside one can be swapped for a token without breaking the JSON.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * The Task states of an AWS::StepFunctions::StateMachine and what each one calls, from `Definition`
 * or `DefinitionString` (plain, Fn::Sub or Fn::Join), resolving placeholders through
 * `DefinitionSubstitutions` or the Fn::Sub variables.
 */
export function listTaskReferences(properties: JsonObject): TaskReferences[] {
  const substitutions = isJsonObject(properties.DefinitionSubstitutions) ? properties.DefinitionSubstitutions : {};
  const source = readDefinition(properties, substitutions);
  if (!source) return [];
  if (!isJsonObject(source.definition)) {
    // The text did not parse (e.g. a placeholder outside a string in odd places): keep every reference.
    const references = [...source.tokens.values()].flat();
    return references.length > 0 ? [{ state: 'definition', references }] : [];
  }
  const tasks: TaskReferences[] = [];
  collectTasks(source.definition, source.tokens, tasks);
  return tasks;
}

function readDefinition(properties: JsonObject, substitutions: JsonObject): DefinitionSource | undefined {
  const tokens = new Map<string, Reference[]>();
  const resolvePlaceholder = (name: string, subVariables?: JsonObject, implicit = false): Reference[] => {
    if (name in substitutions) return collectReferences(substitutions[name]);
    if (subVariables && name in subVariables) return collectReferences(subVariables[name]);
    return implicit ? [referenceFromDotted(name)] : [];
  };

  if (isJsonObject(properties.Definition)) {
    const definition = replaceInStrings(properties.Definition, tokens, (name) => resolvePlaceholder(name));
    return { definition, tokens };
  }

  const raw = properties.DefinitionString;
  let text: string | undefined;
  if (typeof raw === 'string') {
    text = tokenise(raw, tokens, (name) => resolvePlaceholder(name));
  } else if (isJsonObject(raw) && 'Fn::Sub' in raw) {
    const sub = raw['Fn::Sub'];
    if (typeof sub === 'string') {
      text = tokenise(sub, tokens, (name) => resolvePlaceholder(name, undefined, true));
    } else if (Array.isArray(sub) && typeof sub[0] === 'string') {
      const variables = isJsonObject(sub[1]) ? sub[1] : {};
      text = tokenise(sub[0], tokens, (name) => resolvePlaceholder(name, variables, true));
    }
  } else if (isJsonObject(raw) && 'Fn::Join' in raw) {
    text = joinWithTokens(raw['Fn::Join'], tokens, (name) => resolvePlaceholder(name));
  }
  if (text === undefined) return undefined;
  return { definition: parseJson(text), tokens };
}

/** Swaps placeholders inside JSON string literals for tokens, and stray ones (e.g. numbers) for 0. */
function tokenise(text: string, tokens: Map<string, Reference[]>, resolve: (name: string) => Reference[]): string {
  const inStrings = text.replace(JSON_STRING, (literal) =>
    literal.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => newToken(tokens, resolve(name.trim()))),
  );
  return inStrings.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
    // Remember what an unquoted placeholder pointed at, even though its value becomes a plain 0.
    newToken(tokens, resolve(name.trim()));
    return '0';
  });
}

function joinWithTokens(join: unknown, tokens: Map<string, Reference[]>, resolve: (name: string) => Reference[]): string | undefined {
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  const parts = join[1].map((part) => {
    if (typeof part === 'string') return part;
    const references = collectReferences(part);
    return newToken(tokens, references);
  });
  return tokenise(parts.join(join[0]), tokens, resolve);
}

function replaceInStrings(value: unknown, tokens: Map<string, Reference[]>, resolve: (name: string) => Reference[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => newToken(tokens, resolve(name.trim())));
  }
  if (Array.isArray(value)) return value.map((item) => replaceInStrings(item, tokens, resolve));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, tokens, resolve)]));
  }
  return value;
}

function newToken(tokens: Map<string, Reference[]>, references: Reference[]): string {
  const token = `@@slipway-ref-${tokens.size}@@`;
  tokens.set(token, references);
  return token;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function collectTasks(machine: JsonObject, tokens: Map<string, Reference[]>, into: TaskReferences[]): void {
  const states = isJsonObject(machine.States) ? machine.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state)) continue;
    if (state.Type === 'Task') {
      const references = referencesIn([state.Resource, state.Parameters, state.Arguments], tokens);
      if (references.length > 0) into.push({ state: name, references });
    }
    // Nested machines: Parallel branches and Map iterators (old and new field names).
    for (const branch of Array.isArray(state.Branches) ? state.Branches : []) {
      if (isJsonObject(branch)) collectTasks(branch, tokens, into);
    }
    for (const inner of [state.ItemProcessor, state.Iterator]) {
      if (isJsonObject(inner)) collectTasks(inner, tokens, into);
    }
  }
}

function referencesIn(value: unknown, tokens: Map<string, Reference[]>): Reference[] {
  const found: Reference[] = collectReferences(value);
  const walk = (item: unknown): void => {
    if (typeof item === 'string') {
      for (const match of item.matchAll(TOKEN)) found.push(...(tokens.get(match[0]) ?? []));
    } else if (Array.isArray(item)) {
      item.forEach(walk);
    } else if (isJsonObject(item)) {
      Object.values(item).forEach(walk);
    }
  };
  walk(value);
  return found;
}

