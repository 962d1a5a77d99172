WITH "sextant_events" AS (
  SELECT
    "ACCOUNT_KEY" AS "account_key",
    CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ("OCCURRED_AT")) AS DATE) AS "day",
    TO_TIMESTAMP_TZ("OCCURRED_AT") AS "occurred_at",
    "USER_ID" AS "user_id",
    "EVENT_TYPE" AS "event_type",
    "ACCOUNT_DOMAIN" AS "user_domain",
    "USER_EMAIL" AS "user_email",
    "FEATURE" AS "feature"
  FROM "EVENTS"
  WHERE TO_TIMESTAMP_TZ("OCCURRED_AT") >= TO_TIMESTAMP_TZ(DATEADD(day, -1, CAST(? AS DATE))) AND TO_TIMESTAMP_TZ("OCCURRED_AT") < TO_TIMESTAMP_TZ(DATEADD(day, 2, CAST(? AS DATE)))
),
"sextant_in_range" AS (
  SELECT "account_key", "user_id", COALESCE(NULLIF(LOWER(TRIM("user_domain")), ''), NULLIF(LOWER(TRIM(SPLIT_PART("user_email", '@', 2))), '')) AS "domain"
  FROM (
    SELECT DISTINCT "account_key", "user_id", "user_domain", "user_email"
    FROM "sextant_events"
    WHERE "day" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
  ) "sextant_users"
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
