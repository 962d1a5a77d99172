WITH "sextant_events" AS (
  SELECT
    "Tenant""Id" AS "account_key",
    (DATE '1970-01-01' + CAST(floor(epoch_us(CAST("event_ts" AS TIMESTAMPTZ)) / 86400000000) AS INTEGER)) AS "day",
    CAST("event_ts" AS TIMESTAMPTZ) AS "occurred_at",
    "user" AS "user_id",
    "type" AS "event_type",
    "Email Address" AS "user_email",
    "feature`name" AS "feature"
  FROM "analytics"."Product Events"
  WHERE CAST("event_ts" AS TIMESTAMPTZ) >= CAST(CAST($1 AS DATE) - 1 AS TIMESTAMPTZ) AND CAST("event_ts" AS TIMESTAMPTZ) < CAST(CAST($2 AS DATE) + 2 AS TIMESTAMPTZ)
),
"sextant_in_range" AS (
  SELECT "account_key", "user_id", NULLIF(LOWER(TRIM(split_part("user_email", '@', 2))), '') AS "domain"
  FROM (
    SELECT DISTINCT "account_key", "user_id", "user_email"
    FROM "sextant_events"
    WHERE "day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  ) "sextant_users"
),
"sextant_keys" AS (
  SELECT DISTINCT "account_key" FROM "sextant_in_range"
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
  CAST(NULL AS VARCHAR) AS "name",
  CAST(NULL AS BIGINT) AS "licenses"
FROM "sextant_keys" "k"
LEFT JOIN "sextant_domains" "d" ON "d"."account_key" = "k"."account_key" AND "d"."rank" = 1
ORDER BY "k"."account_key"
