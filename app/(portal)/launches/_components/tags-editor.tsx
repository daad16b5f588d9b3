'use client';

import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';

/** The id of the value input of the tag in row `index` (error summaries link to it). */
export const tagValueId = (index: number) => `tag-value-${index}`;

/** Stack tags: the team's required keys are fixed (values editable), extra tags can be added and removed. */
export function TagsEditor({
  required,
  tags,
  errors,
  onChange,
}: {
  required: string[];
  tags: [string, string][];
  errors: Record<string, string | undefined>;
  onChange: (tags: [string, string][]) => void;
}) {
  const set = (i: number, k: string, v: string) => onChange(tags.map((t, j) => (j === i ? [k, v] : t)));
  return (
    <div className="space-y-2">
      {tags.map(([k, v], i) => {
        const isRequired = required.includes(k);
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
            {isRequired ? (
              <span className="px-2 py-1.5 text-xs text-slate-500">required by your team</span>
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
