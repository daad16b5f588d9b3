// Stack tags: the team's required tags always apply (CloudFormation propagates stack tags to the
// resources it creates), the launcher may add more but not remove or blank a required one.

export type TagSet = Record<string, string>;

const RESERVED = /^aws:/i;

/** Merges required tags (with defaults) and extra tags; returns the tags and per-key errors. */
export function mergeTags(required: TagSet, extra: TagSet, defaults: { owner?: string } = {}): { tags: TagSet; errors: Record<string, string> } {
  const tags: TagSet = {};
  const errors: Record<string, string> = {};
  for (const [key, teamDefault] of Object.entries(required)) {
    const given = extra[key];
    const value = (given !== undefined && given !== '' ? given : teamDefault) || (key === 'owner' ? (defaults.owner ?? '') : '');
    if (!value) errors[`tags.${key}`] = `tags.${key} is required by your team`;
    tags[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    // Own keys only: `constructor` or `toString` is a tag like any other, not something every object has.
    if (Object.hasOwn(required, key)) continue;
    if (RESERVED.test(key)) errors[`tags.${key}`] = `tags.${key}: keys starting with aws: are reserved`;
    else if (key.length < 1 || key.length > 127) errors[`tags.${key}`] = `tags.${key}: keys must be 1 to 127 characters`;
    else if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(key)) errors[`tags.${key}`] = `tags.${key}: keys may contain letters, digits, spaces and _.:/=+-@`;
    tags[key] = value;
  }
  for (const [key, value] of Object.entries(tags)) {
    if (value.length > 255) errors[`tags.${key}`] = `tags.${key}: values must be at most 255 characters`;
  }
  if (Object.keys(tags).length > 50) errors.tags = 'tags: a stack can have at most 50 tags';
  return { tags, errors };
}
