import 'server-only';

import { isJsonObject } from './json';

/** A name a template value points at: `{ Ref: X }`, `{ Fn::GetAtt: [X, attr] }` or `${X.attr}` in Fn::Sub. */
export interface Reference {
  name: string;
  attribute?: string;
}

// `${Name}` or `${Name.Attr}`; `${!Literal}` is an escaped dollar-brace and refers to nothing.
const PLACEHOLDER = /\$\{([^}!][^}]*)\}/g;

/** The placeholder names in a Fn::Sub string, in order of appearance (duplicates kept). */
export function subPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => (match[1] ?? '').trim());
}

/** Splits `Res.Attr.More` at the first dot, as CloudFormation does for GetAtt and Sub. */
export function referenceFromDotted(dotted: string): Reference {
  const dot = dotted.indexOf('.');
  return dot < 0 ? { name: dotted } : { name: dotted.slice(0, dot), attribute: dotted.slice(dot + 1) };
}

/** Every Ref, GetAtt and Fn::Sub placeholder inside a template value, including nested intrinsics. */
export function collectReferences(value: unknown): Reference[] {
  const found: Reference[] = [];
  visit(value, found);
  return found;
}

function visit(value: unknown, found: Reference[]): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, found);
    return;
  }
  if (!isJsonObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const argument = value[key as string];
    if (key === 'Ref' && typeof argument === 'string') {
      found.push({ name: argument });
      return;
    }
    if (key === 'Fn::GetAtt') {
      addGetAtt(argument, found);
      return;
    }
    if (key === 'Fn::Sub') {
      addSub(argument, found);
      return;
    }
  }
  for (const child of Object.values(value)) visit(child, found);
}

function addGetAtt(argument: unknown, found: Reference[]): void {
  if (typeof argument === 'string') {
    found.push(referenceFromDotted(argument));
  } else if (Array.isArray(argument) && typeof argument[0] === 'string') {
    const attribute = argument[1];
    found.push(typeof attribute === 'string' ? { name: argument[0], attribute } : { name: argument[0] });
  }
}

function addSub(argument: unknown, found: Reference[]): void {
  if (typeof argument === 'string') {
    found.push(...subPlaceholders(argument).map(referenceFromDotted));
    return;
  }
  if (!Array.isArray(argument) || typeof argument[0] !== 'string') return;
  const variables = isJsonObject(argument[1]) ? argument[1] : {};
  // Placeholders naming a local variable resolve through that variable's value, not the template.
  for (const placeholder of subPlaceholders(argument[0])) {
    if (!(placeholder in variables)) found.push(referenceFromDotted(placeholder));
  }
  visit(Object.values(variables), found);
}
