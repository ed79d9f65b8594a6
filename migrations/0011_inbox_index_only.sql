DROP INDEX "dossiers_inbox_idx";--> statement-breakpoint
DROP INDEX "dossiers_assignee_idx";--> statement-breakpoint
CREATE INDEX "dossiers_inbox_idx" ON "dossiers" USING btree ("current_unit_id","current_role","due_at","id","status","procedure_id","assignee_user_id") WHERE "dossiers"."current_role" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_user_id","due_at","id","status","procedure_id","current_role") WHERE "dossiers"."assignee_user_id" IS NOT NULL;