/** The Events view's banner while the tab's overlay builds an action: `Draft "Sign up" would have matched 3 of 40 events in this tab`. */
export function draftBannerText(name: string | null | undefined, matched: number, total: number): string {
  const label = name?.trim() ? `Draft "${name.trim()}"` : 'The draft action';
  return `${label} would have matched ${matched} of ${total} ${total === 1 ? 'event' : 'events'} in this tab`;
}
