WITH "sextant_events" AS (
  SELECT
    "ACCOUNT_KEY" AS "account_key",
    CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ("OCCURRED_AT")) AS DATE) AS "day",
    TO_TIMESTAMP_TZ("OCCURRED_AT") AS "occurred_at",
    "USER_ID" AS "user_id",
    "EVENT_TYPE" AS "event_type",
    COALESCE(NULLIF(LOWER(TRIM("ACCOUNT_DOMAIN")), ''), NULLIF(LOWER(TRIM(SPLIT_PART("USER_EMAIL", '@', 2))), '')) AS "domain",
    "FEATURE" AS "feature"
  FROM "EVENTS"
),
"sextant_in_range" AS (
  SELECT "account_key", "user_id", "domain"
  FROM "sextant_events"
  WHERE "day" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
),
"sextant_licenses" AS (
  SELECT "account_key", "licenses", "name"
  FROM (
    SELECT
      "ACCOUNT_KEY" AS "account_key",
      CAST("LICENSES_PROVISIONED" AS BIGINT) AS "licenses",
      "ACCOUNT_NAME" AS "name",
      ROW_NUMBER() OVER (PARTITION BY "ACCOUNT_KEY" ORDER BY CAST("AS_OF" AS DATE) DESC NULLS LAST, CAST("LICENSES_PROVISIONED" AS BIGINT) DESC NULLS LAST, "ACCOUNT_NAME" ASC NULLS LAST) AS "rank"
    FROM "LICENSES"
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
