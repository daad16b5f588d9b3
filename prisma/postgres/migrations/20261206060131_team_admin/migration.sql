-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ALTER COLUMN "requiredTags" SET DEFAULT '[]';

-- Required tags become a list of rules: { "owner": "" , "cost-center": "CC-1001" } turns into
-- [{ "key": "owner" }, { "key": "cost-center", "default": "CC-1001" }], in the object's order.
UPDATE "Team" SET "requiredTags" = COALESCE((
    SELECT json_agg(CASE WHEN e.value = '' THEN json_build_object('key', e.key) ELSE json_build_object('key', e.key, 'default', e.value) END ORDER BY e.n)::text
    FROM json_each_text("Team"."requiredTags"::json) WITH ORDINALITY AS e(key, value, n)
), '[]') WHERE left(btrim("requiredTags"), 1) = '{';
