CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"parent_id" text,
	"address" text,
	"external" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "case_components" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"description" text,
	"mandatory" boolean NOT NULL,
	"originals" integer NOT NULL,
	"copies" integer NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fields" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_agencies" (
	"procedure_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "procedure_agencies_procedure_id_agency_id_role_pk" PRIMARY KEY("procedure_id","agency_id","role")
);
--> statement-breakpoint
CREATE TABLE "procedure_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"channels" jsonb NOT NULL,
	"capabilities" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_search" (
	"procedure_id" text PRIMARY KEY NOT NULL,
	"version_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field_code" text NOT NULL,
	"name_norm" text NOT NULL,
	"search_text" text NOT NULL,
	"online_level" text NOT NULL,
	"legacy_level" integer NOT NULL,
	"agency_codes" text[] NOT NULL,
	"applicant_types" text[] NOT NULL,
	"implementing_code" text,
	"implementing_name" text,
	"implementing_name_en" text,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"procedure_id" text NOT NULL,
	"version_no" integer NOT NULL,
	"status" text DEFAULT 'PUBLISHED' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"publishing_decision" jsonb,
	"legal_basis" jsonb NOT NULL,
	"requirements" jsonb NOT NULL,
	"submission_places" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"field_code" text NOT NULL,
	"implementation_levels" text[] NOT NULL,
	"applicant_types" text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"provenance" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "template_files" (
	"id" text PRIMARY KEY NOT NULL,
	"component_id" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_components" ADD CONSTRAINT "case_components_case_id_procedure_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."procedure_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_agencies" ADD CONSTRAINT "procedure_agencies_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_agencies" ADD CONSTRAINT "procedure_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_cases" ADD CONSTRAINT "procedure_cases_version_id_procedure_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD CONSTRAINT "procedure_search_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_files" ADD CONSTRAINT "template_files_component_id_case_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."case_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_components_case_idx" ON "case_components" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "procedure_agencies_agency_idx" ON "procedure_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_cases_code_uq" ON "procedure_cases" USING btree ("version_id","code");--> statement-breakpoint
CREATE INDEX "procedure_search_text_trgm" ON "procedure_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "procedure_search_name_trgm" ON "procedure_search" USING gin ("name_norm" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "procedure_search_field_idx" ON "procedure_search" USING btree ("field_code");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_no_uq" ON "procedure_versions" USING btree ("procedure_id","version_no");--> statement-breakpoint
CREATE INDEX "procedures_field_idx" ON "procedures" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "template_files_component_idx" ON "template_files" USING btree ("component_id");