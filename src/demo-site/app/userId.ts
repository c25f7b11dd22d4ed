/**
 * The demo's "database id" for a user: stable per email, so logging in twice with the same email
 * identifies the same person. Pure, so e2e tests can compute the id they expect.
 */
export function userIdForEmail(email: string): string {
  // FNV-1a, 32 bit: short, deterministic and dependency-free; collisions do not matter for a demo.
  let hash = 0x811c9dc5;
  for (const char of email.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `usr_${hash.toString(16).padStart(8, '0')}`;
}

/** "ada.lovelace@example.com" → "Ada Lovelace" */
export function nameFromEmail(email: string): string {
  const local = email.trim().split('@')[0] ?? '';
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}
