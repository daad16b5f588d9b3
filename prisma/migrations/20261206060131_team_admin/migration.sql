-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "requiredTags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" DATETIME
);
INSERT INTO "new_Team" ("createdAt", "id", "name", "requiredTags", "slug") SELECT "createdAt", "id", "name", "requiredTags", "slug" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Required tags become a list of rules: { "owner": "" , "cost-center": "CC-1001" } turns into
-- [{ "key": "owner" }, { "key": "cost-center", "default": "CC-1001" }], in the object's order.
UPDATE "Team" SET "requiredTags" = (
    SELECT json_group_array(CASE WHEN "value" = '' THEN json_object('key', "key") ELSE json_object('key', "key", 'default', "value") END)
    FROM (SELECT "key", "value" FROM json_each("Team"."requiredTags") ORDER BY "id")
) WHERE json_valid("requiredTags") AND json_type("requiredTags") = 'object';
