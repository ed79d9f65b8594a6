-- Search needs unaccent (diacritic-insensitive) and pg_trgm (typo-tolerant similarity).
-- Both are trusted extensions on PostgreSQL 13+ and are bundled with PGlite.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot feed an index.
-- This wrapper names the dictionary explicitly and is declared IMMUTABLE, the usual practice.
-- 'đ' and 'Đ' are mapped explicitly as well, so the result does not depend on the rules file.
CREATE OR REPLACE FUNCTION opendvc_search_normalize(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(translate(unaccent('unaccent'::regdictionary, input), 'đĐ', 'dD')) $$;
