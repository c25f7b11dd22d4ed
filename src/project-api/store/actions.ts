import type { ActionMatching } from '../../core/actions';
import type { Db } from '../db';
import type { ActionCreateInput, ActionStepInput, ActionUpdateInput } from '../schemas';

export interface ActionRow {
  id: number;
  project_id: number;
  name: string;
  description: string;
  tags: string;
  post_to_slack: number;
  slack_message_format: string;
  steps: string;
  created_at: string;
  updated_at: string;
  created_by: number | null;
  deleted: number;
  last_calculated_at: string | null;
  pinned_at: string | null;
}

/**
 * A step as stored: every writable field present, null when not given. Read-only `selector_regex`
 * is not stored: it is derived from `selector` when serializing, so it follows the engine.
 */
export interface StoredActionStep {
  event: string | null;
  properties: Record<string, unknown>[] | null;
  selector: string | null;
  tag_name: string | null;
  text: string | null;
  text_matching: ActionMatching | null;
  href: string | null;
  href_matching: ActionMatching | null;
  url: string | null;
  url_matching: ActionMatching | null;
}

export function normalizeStep(step: ActionStepInput): StoredActionStep {
  return {
    event: step.event ?? null,
    properties: step.properties ?? null,
    selector: step.selector ?? null,
    tag_name: step.tag_name ?? null,
    text: step.text ?? null,
    text_matching: step.text_matching ?? null,
    href: step.href ?? null,
    href_matching: step.href_matching ?? null,
    url: step.url ?? null,
    url_matching: step.url_matching ?? null,
  };
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

/** Actions of a project. Never hard-deleted: `deleted` hides them from the list and frees the name. */
export class ActionStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      list: db.prepare('SELECT * FROM actions WHERE project_id = ? AND deleted = 0 ORDER BY id DESC'),
      get: db.prepare('SELECT * FROM actions WHERE project_id = ? AND id = ?'),
      collision: db.prepare(
        'SELECT id FROM actions WHERE project_id = ? AND name = ? AND deleted = 0 AND id != ? ORDER BY id LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO actions (project_id, name, description, tags, post_to_slack, slack_message_format, steps,
                              created_at, updated_at, created_by, deleted, pinned_at)
         VALUES (@project_id, @name, @description, @tags, @post_to_slack, @slack_message_format, @steps,
                 @created_at, @updated_at, @created_by, @deleted, @pinned_at)`,
      ),
      update: db.prepare(
        `UPDATE actions SET name = @name, description = @description, tags = @tags, post_to_slack = @post_to_slack,
           slack_message_format = @slack_message_format, steps = @steps, updated_at = @updated_at,
           deleted = @deleted, pinned_at = @pinned_at
         WHERE project_id = @project_id AND id = @id`,
      ),
    };
  }

  list(projectId: number): ActionRow[] {
    return this.statements.list.all(projectId) as ActionRow[];
  }

  get(projectId: number, id: number): ActionRow | undefined {
    return this.statements.get.get(projectId, id) as ActionRow | undefined;
  }

  /** Id of another live action of the project with this exact name, if any. */
  collidingId(projectId: number, name: string, exceptId = -1): number | undefined {
    return (this.statements.collision.get(projectId, name, exceptId) as { id: number } | undefined)?.id;
  }

  create(projectId: number, input: ActionCreateInput, userId: number): ActionRow {
    const now = new Date().toISOString();
    const { lastInsertRowid } = this.statements.insert.run({
      project_id: projectId,
      name: input.name,
      description: input.description ?? '',
      tags: JSON.stringify(uniqueTags(input.tags ?? [])),
      post_to_slack: input.post_to_slack ? 1 : 0,
      slack_message_format: input.slack_message_format ?? '',
      steps: JSON.stringify((input.steps ?? []).map(normalizeStep)),
      created_at: now,
      updated_at: now,
      created_by: userId,
      deleted: input.deleted ? 1 : 0,
      pinned_at: input.pinned_at ?? null,
    });
    return this.get(projectId, Number(lastInsertRowid)) as ActionRow;
  }

  /** Partial update: fields absent from `patch` keep their value; `steps` replaces all steps. */
  update(existing: ActionRow, patch: ActionUpdateInput): ActionRow {
    this.statements.update.run({
      project_id: existing.project_id,
      id: existing.id,
      name: patch.name ?? existing.name,
      description: patch.description ?? existing.description,
      tags: patch.tags ? JSON.stringify(uniqueTags(patch.tags)) : existing.tags,
      post_to_slack: patch.post_to_slack === undefined ? existing.post_to_slack : patch.post_to_slack ? 1 : 0,
      slack_message_format: patch.slack_message_format ?? existing.slack_message_format,
      steps: patch.steps ? JSON.stringify(patch.steps.map(normalizeStep)) : existing.steps,
      updated_at: new Date().toISOString(),
      deleted: patch.deleted === undefined ? existing.deleted : patch.deleted ? 1 : 0,
      pinned_at: patch.pinned_at === undefined ? existing.pinned_at : patch.pinned_at,
    });
    return this.get(existing.project_id, existing.id) as ActionRow;
  }
}
