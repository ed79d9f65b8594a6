CREATE TABLE "case_workflows" (
	"case_id" text PRIMARY KEY NOT NULL,
	"workflow_code" text NOT NULL,
	"source" text DEFAULT 'SEED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"hash" text NOT NULL,
	"edited_by_user_id" text,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_workflows" ADD CONSTRAINT "case_workflows_case_id_procedure_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."procedure_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workflows" ADD CONSTRAINT "case_workflows_workflow_code_workflows_code_fk" FOREIGN KEY ("workflow_code") REFERENCES "public"."workflows"("code") ON DELETE no action ON UPDATE no action;