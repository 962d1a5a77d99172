WITH "sextant_events" AS (
  SELECT
    "account_key" AS "account_key",
    (DATE '1970-01-01' + CAST(floor(epoch_us(CAST("occurred_at" AS TIMESTAMPTZ)) / 86400000000) AS INTEGER)) AS "day",
    CAST("occurred_at" AS TIMESTAMPTZ) AS "occurred_at",
    "user_id" AS "user_id",
    "event_type" AS "event_type",
    "account_domain" AS "user_domain",
    "user_email" AS "user_email",
    "feature" AS "feature"
  FROM "events"
  WHERE CAST("occurred_at" AS TIMESTAMPTZ) >= CAST(CAST($1 AS DATE) - 1 AS TIMESTAMPTZ) AND CAST("occurred_at" AS TIMESTAMPTZ) < CAST(CAST($2 AS DATE) + 2 AS TIMESTAMPTZ)
),
"sextant_in_range" AS (
  SELECT "account_key", "user_id", COALESCE(NULLIF(LOWER(TRIM("user_domain")), ''), NULLIF(LOWER(TRIM(split_part("user_email", '@', 2))), '')) AS "domain"
  FROM (
    SELECT DISTINCT "account_key", "user_id", "user_domain", "user_email"
    FROM "sextant_events"
    WHERE "day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  ) "sextant_users"
),
"sextant_licenses" AS (
  SELECT "account_key", "licenses", "name"
  FROM (
    SELECT
      "account_key" AS "account_key",
      CAST("licenses_provisioned" AS BIGINT) AS "licenses",
      "account_name" AS "name",
      ROW_NUMBER() OVER (PARTITION BY "account_key" ORDER BY CAST("as_of" AS DATE) DESC NULLS LAST, CAST("licenses_provisioned" AS BIGINT) DESC NULLS LAST, "account_name" ASC NULLS LAST) AS "rank"
    FROM "licenses"
  ) "ranked"
  WHERE "rank" = 1
),
"sextant_keys" AS (
  SELECT "account_key" FROM "sextant_in_range"
  UNION
  SELECT "account_key" FROM "sextant_licenses"
),
"sextant_domains" AS (
  SELECT
    "account_key",
    "domain",
    ROW_NUMBER() OVER (PARTITION BY "account_key" ORDER BY COUNT(DISTINCT "user_id") DESC, "domain" ASC) AS "rank"
  FROM "sextant_in_range"
  WHERE "domain" IS NOT NULL
  GROUP BY "account_key", "domain"
)
SELECT
  "k"."account_key",
  "d"."domain",
  "l"."name" AS "name",
  "l"."licenses" AS "licenses"
FROM "sextant_keys" "k"
LEFT JOIN "sextant_domains" "d" ON "d"."account_key" = "k"."account_key" AND "d"."rank" = 1
LEFT JOIN "sextant_licenses" "l" ON "l"."account_key" = "k"."account_key"
ORDER BY "k"."account_key"
