WITH "sextant_events" AS (
  SELECT
    "Tenant""Id" AS "account_key",
    CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ("EVENT_TS")) AS DATE) AS "day",
    TO_TIMESTAMP_TZ("EVENT_TS") AS "occurred_at",
    "USER" AS "user_id",
    "TYPE" AS "event_type",
    "Email Address" AS "user_email",
    "feature`name" AS "feature"
  FROM "ANALYTICS"."Product Events"
  WHERE TO_TIMESTAMP_TZ("EVENT_TS") >= TO_TIMESTAMP_TZ(DATEADD(day, -1, CAST(? AS DATE))) AND TO_TIMESTAMP_TZ("EVENT_TS") < TO_TIMESTAMP_TZ(DATEADD(day, 2, CAST(? AS DATE)))
),
"sextant_in_range" AS (
  SELECT "account_key", "user_id", NULLIF(LOWER(TRIM(SPLIT_PART("user_email", '@', 2))), '') AS "domain"
  FROM (
    SELECT DISTINCT "account_key", "user_id", "user_email"
    FROM "sextant_events"
    WHERE "day" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
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
