ALTER TABLE "case_components" ADD COLUMN "max_size_mb" double precision;--> statement-breakpoint
ALTER TABLE "case_components" ADD COLUMN "accepted_types" text[];