CREATE TABLE "statistics_dossier_facts" (
	"dossier_id" text PRIMARY KEY NOT NULL,
	"code" text,
	"channel" text NOT NULL,
	"unit_id" text NOT NULL,
	"receiving_unit_id" text NOT NULL,
	"field_code" text NOT NULL,
	"procedure_id" text NOT NULL,
	"case_id" text NOT NULL,
	"procedure_online" boolean NOT NULL,
	"filed_on" date,
	"received_on" date,
	"due_at" timestamp with time zone,
	"overdue_from" date,
	"outcome" text,
	"ended_on" date,
	"resolved_at" timestamp with time zone,
	"timeliness" text,
	"returned_on" date,
	"supplement_rounds" integer DEFAULT 0 NOT NULL,
	"payment_requested" boolean DEFAULT false NOT NULL,
	"paid_online" boolean DEFAULT false NOT NULL,
	"fees_paid" bigint DEFAULT 0 NOT NULL,
	"rating" smallint,
	"rated_on" date,
	"apology_on" date,
	"demo" boolean DEFAULT false NOT NULL,
	"last_position" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_dossier_marks" (
	"dossier_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"amount" bigint,
	"online" boolean,
	CONSTRAINT "statistics_dossier_marks_dossier_id_seq_pk" PRIMARY KEY("dossier_id","seq")
);
--> statement-breakpoint
CREATE INDEX "statistics_facts_unit_idx" ON "statistics_dossier_facts" USING btree ("unit_id","received_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_received_idx" ON "statistics_dossier_facts" USING btree ("received_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_ended_idx" ON "statistics_dossier_facts" USING btree ("ended_on");--> statement-breakpoint
CREATE INDEX "statistics_facts_open_idx" ON "statistics_dossier_facts" USING btree ("filed_on") WHERE ended_on IS NULL;--> statement-breakpoint
CREATE INDEX "statistics_marks_kind_idx" ON "statistics_dossier_marks" USING btree ("kind","start_on");