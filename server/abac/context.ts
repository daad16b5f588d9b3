import 'server-only';
import { splitArn } from '@/server/abac/operators';
import type { ContextValue, RequestContext } from '@/server/abac/types';

// The request context IAM would build for a Lambda call, from what the inventory (or a what-if) knows.
// Keys: "AWS global condition context keys" (reference_policies_condition-keys.html) and
// "Attribute-based access control for Lambda" (https://docs.aws.amazon.com/lambda/latest/dg/attribute-based-access-control.html):
// - aws:PrincipalTag/<key> for each tag of the calling user or role;
// - aws:ResourceTag/<key> for each tag of the function, on every function action except
//   CreateFunction (the function does not exist yet);
// - aws:RequestTag/<key> and aws:TagKeys for the tags a CreateFunction or TagResource call sends, and
//   aws:TagKeys for the keys an UntagResource call removes. A call that sends no tags has no
//   aws:TagKeys at all, so `ForAllValues:` conditions on it pass vacuously.
// - aws:PrincipalArn, aws:PrincipalAccount, aws:ResourceAccount, and aws:username for IAM users.

export type Tags = Readonly<Record<string, string>>;

export type RequestFacts = {
  action: string;
  principalArn: string;
  resourceArn: string;
  principalTags: Tags;
  resourceTags: Tags;
  requestTags?: Tags;
  /** aws:userid when the inventory knows it (AIDA… for users, AROA…:session for roles). */
  userId?: string;
  /** Any further keys, as IAM would set them (aws:SourceIp, aws:CurrentTime, …). */
  extra?: Readonly<Record<string, ContextValue>>;
};

const TAGGING_ACTIONS = new Set(['lambda:createfunction', 'lambda:tagresource']);
const UNTAG_ACTION = 'lambda:untagresource';
const CREATE_ACTION = 'lambda:createfunction';

/** Whether the Lambda action carries request tags (aws:RequestTag/*, aws:TagKeys). */
export function isTaggingAction(action: string): boolean {
  const lower = action.toLowerCase();
  return TAGGING_ACTIONS.has(lower) || lower === UNTAG_ACTION;
}

/** The account of an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`), or null. */
export function accountOfArn(arn: string): string | null {
  const parts = splitArn(arn);
  return parts && /^\d{12}$/.test(parts[4]) ? parts[4] : null;
}

/** The context keys of one call as IAM names them (case kept), each with its value. */
export function listContextEntries(facts: RequestFacts): [string, ContextValue][] {
  const entries: [string, ContextValue][] = [];
  const set = (key: string, value: ContextValue) => entries.push([key, value]);
  const action = facts.action.toLowerCase();

  set('aws:PrincipalArn', facts.principalArn);
  const principalAccount = accountOfArn(facts.principalArn);
  if (principalAccount) set('aws:PrincipalAccount', principalAccount);
  const userMatch = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(facts.principalArn);
  if (userMatch) set('aws:username', userMatch[1] as string);
  if (facts.userId) set('aws:userid', facts.userId);
  for (const [key, value] of Object.entries(facts.principalTags)) set(`aws:PrincipalTag/${key}`, value);

  const resourceAccount = accountOfArn(facts.resourceArn);
  if (resourceAccount) set('aws:ResourceAccount', resourceAccount);
  if (action !== CREATE_ACTION && facts.resourceArn !== '*') {
    for (const [key, value] of Object.entries(facts.resourceTags)) set(`aws:ResourceTag/${key}`, value);
  }

  const requestTags = facts.requestTags ?? {};
  const tagKeys = Object.keys(requestTags);
  if (TAGGING_ACTIONS.has(action)) {
    for (const [key, value] of Object.entries(requestTags)) set(`aws:RequestTag/${key}`, value);
    if (tagKeys.length > 0) set('aws:TagKeys', tagKeys);
  } else if (action === UNTAG_ACTION && tagKeys.length > 0) {
    set('aws:TagKeys', tagKeys);
  }
  for (const [key, value] of Object.entries(facts.extra ?? {})) set(key, value);
  return entries;
}

/** Builds the request context for one call; keys are lower-cased as IAM compares them. */
export function buildRequestContext(facts: RequestFacts): RequestContext {
  return new Map(listContextEntries(facts).map(([key, value]) => [key.toLowerCase(), value]));
}
