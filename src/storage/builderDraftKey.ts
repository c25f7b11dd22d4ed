/**
 * `storage.session` key of the action a tab's inspector is building (`ActionDraft`): written by the
 * background for the overlay, followed by the popup and side panel for "would have matched". A
 * module of its own so the popup's first script pulls in nothing else.
 */
export const builderDraftKey = (tabId: number) => `builderDraft:${tabId}`;

/** `storage.session` key the background bumps after it saved an action: open views fetch the list again. */
export const ACTIONS_CHANGED_KEY = 'actionsChangedAt';
