'use client';

import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';

const subscribeToNothing = () => () => {};

/** The absolute link to the current inputs, with a copy button (and the link itself to copy by hand). */
export function ShareLink({ href }: { href: string }) {
  // The origin is only known in the browser; the server renders the relative link.
  const origin = useSyncExternalStore(
    subscribeToNothing,
    () => window.location.origin,
    () => '',
  );
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const link = `${origin}${href}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin); the field stays selectable.
      setCopied('failed');
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor="cost-share-link" className="block text-sm font-medium text-slate-800">
        Link to these inputs
      </label>
      <div className="flex gap-2">
        <TextInput id="cost-share-link" readOnly value={link} onFocus={(event) => event.target.select()} className="font-mono text-xs" />
        <Button variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => void copy()}>
          Copy link
        </Button>
      </div>
      <p className="text-xs text-slate-500" role="status">
        {copied === 'yes'
          ? 'Copied. Anyone with the link sees these inputs.'
          : copied === 'failed'
            ? 'Copying was refused by the browser: select the link and copy it.'
            : 'Every input is in the link; opening it restores them.'}
      </p>
    </div>
  );
}
