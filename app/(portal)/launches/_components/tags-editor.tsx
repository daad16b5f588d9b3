'use client';

import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import type { RequiredTagRule } from '@/lib/launches/tags';

/** The id of the value input of the tag in row `index` (error summaries link to it). */
export const tagValueId = (index: number) => `tag-value-${index}`;

/** What a required tag's rule allows, for the hint beside it. */
function ruleHint(rule: RequiredTagRule): string {
  if (rule.allowedValues) return `required by your team: one of ${rule.allowedValues.join(', ')}`;
  if (rule.pattern !== undefined) return `required by your team: matches ${rule.pattern}`;
  return 'required by your team';
}

/** Stack tags: the team's required keys are fixed (values editable), extra tags can be added and removed. */
export function TagsEditor({
  required,
  tags,
  errors,
  onChange,
}: {
  required: RequiredTagRule[];
  tags: [string, string][];
  errors: Record<string, string | undefined>;
  onChange: (tags: [string, string][]) => void;
}) {
  const set = (i: number, k: string, v: string) => onChange(tags.map((t, j) => (j === i ? [k, v] : t)));
  return (
    <div className="space-y-2">
      {tags.map(([k, v], i) => {
        const rule = required.find((r) => r.key === k);
        const isRequired = rule !== undefined;
        const err = errors[`tags.${k}`];
        return (
          <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            <TextInput
              aria-label={`Tag key ${i + 1}`}
              value={k}
              readOnly={isRequired}
              className={isRequired ? 'bg-slate-50' : undefined}
              onChange={(e) => set(i, e.target.value, v)}
            />
            <div>
              <TextInput
                id={tagValueId(i)}
                aria-label={`Value of tag ${k || i + 1}`}
                value={v}
                aria-invalid={Boolean(err)}
                aria-describedby={err ? `${tagValueId(i)}-error` : undefined}
                onChange={(e) => set(i, k, e.target.value)}
              />
              {err && (
                <p id={`${tagValueId(i)}-error`} className="text-xs text-red-700">
                  {err}
                </p>
              )}
            </div>
            {rule ? (
              <span className="max-w-56 px-2 py-1.5 text-xs break-words text-slate-500">{ruleHint(rule)}</span>
            ) : (
              <Button variant="ghost" aria-label={`Remove tag ${k}`} onClick={() => onChange(tags.filter((_, j) => j !== i))}>
                Remove
              </Button>
            )}
          </div>
        );
      })}
      <Button variant="secondary" onClick={() => onChange([...tags, ['', '']])}>
        Add tag
      </Button>
    </div>
  );
}
