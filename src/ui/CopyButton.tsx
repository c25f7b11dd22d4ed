import { useState } from 'react';

/** Copies `value` to the clipboard and says so for a moment. `label` names what is copied, for screen readers. */
export function CopyButton({ value, children, label, className }: { value: string; children: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <button type="button" className={className} onClick={copy} aria-label={label} title={label}>
      {copied ? 'Copied' : children}
    </button>
  );
}
