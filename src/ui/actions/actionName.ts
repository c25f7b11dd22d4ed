/** What an action is called in the views: its name, or its id when it has none (old actions may not). */
export function actionName(action: { name?: string | null; id: number | null }): string {
  return action.name?.trim() || (action.id === null ? 'Unnamed action' : `Action ${action.id}`);
}
