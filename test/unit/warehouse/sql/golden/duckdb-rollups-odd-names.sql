WITH "sextant_events" AS (
  SELECT
    "Tenant""Id" AS "account_key",
    (DATE '1970-01-01' + CAST(floor(epoch_us(CAST("event_ts" AS TIMESTAMPTZ)) / 86400000000) AS INTEGER)) AS "day",
    CAST("event_ts" AS TIMESTAMPTZ) AS "occurred_at",
    "user" AS "user_id",
    "type" AS "event_type",
    "feature`name" AS "feature"
  FROM "analytics"."Product Events"
  WHERE CAST("event_ts" AS TIMESTAMPTZ) >= CAST(CAST($1 AS DATE) - 1 AS TIMESTAMPTZ) AND CAST("event_ts" AS TIMESTAMPTZ) < CAST(CAST($2 AS DATE) + 2 AS TIMESTAMPTZ)
),
"sextant_user_days" AS (
  SELECT
    "account_key",
    "day",
    "user_id",
    COUNT(CASE WHEN "event_type" IN ('login', 'sign''in') THEN 1 END) AS "logins",
    MAX(CASE WHEN "event_type" IN ('login', 'sign''in') THEN "occurred_at" END) AS "last_login_at",
    COUNT(*) AS "events",
    COUNT(CASE WHEN "event_type" IN ('feature_used', 'c:\path') AND "feature" = 'reports' THEN 1 END) AS "feature_reports"
  FROM "sextant_events"
  WHERE "day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "account_key", "day", "user_id"
),
"sextant_days" AS (
  SELECT
    "account_key",
    "day",
    COUNT("user_id") AS "active_users",
    CAST(sum(CAST("logins" AS DOUBLE)) AS BIGINT) AS "logins",
    MAX("last_login_at") AS "last_login_at",
    CAST(sum(CAST("events" AS DOUBLE)) AS BIGINT) AS "events",
    CAST(sum(CAST("feature_reports" AS DOUBLE)) AS BIGINT) AS "feature_reports"
  FROM "sextant_user_days"
  GROUP BY "account_key", "day"
)
SELECT
  "r"."account_key",
  "r"."day",
  "r"."active_users",
  "r"."logins",
  "r"."last_login_at",
  "r"."events",
  "r"."feature_reports",
  CAST(NULL AS BIGINT) AS "licenses"
FROM "sextant_days" "r"
ORDER BY "r"."account_key", "r"."day"
