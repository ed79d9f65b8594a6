CREATE TABLE "search_vocabulary" (
	"word" text PRIMARY KEY NOT NULL,
	"procedures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "words" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "name_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "text_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "procedure_search" ADD COLUMN "keywords_norm" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "search_vocabulary_word_trgm" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "procedure_search_words_gin" ON "procedure_search" USING gin ("words");