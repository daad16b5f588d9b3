'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Select } from '@/components/ui/field';
import { switchTarget } from '../actions';

type Option = { id: string; name: string; accountId: string; regions: string[]; isSandbox: boolean };

export function TargetSwitcher({ targets, current }: { targets: Option[]; current: { targetId: string; region: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const target = targets.find((t) => t.id === current.targetId) ?? targets[0];

  function choose(targetId: string, region: string) {
    startTransition(async () => {
      const res = await switchTarget({ targetId, region });
      setError(res.error ?? null);
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2" aria-busy={pending}>
      <label className="sr-only" htmlFor="target-switch">
        AWS target
      </label>
      <Select
        id="target-switch"
        className="w-72"
        value={target?.id}
        onChange={(e) => {
          const next = targets.find((t) => t.id === e.target.value);
          if (next) choose(next.id, next.regions[0] ?? 'us-east-1');
        }}
      >
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.isSandbox ? 'Sandbox' : t.name} · {t.accountId}
          </option>
        ))}
      </Select>
      <label className="sr-only" htmlFor="region-switch">
        Region
      </label>
      <Select id="region-switch" className="w-40" value={current.region} onChange={(e) => target && choose(target.id, e.target.value)}>
        {target?.regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
